import './components/ehds-app.ts';
