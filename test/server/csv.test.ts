import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CsvEncodingError,
  CsvSyntaxError,
  decodeUtf8,
  formulaSafe,
  parseCsv,
  parseCsvObjects,
  unFormulaSafe,
  writeCsv,
} from '../../server/lib/csv.ts';

const Parse = suite('csv: parseCsv');

const cellsOf = (text: string) => parseCsv(text).rows.map((r) => r.cells);

Parse('comma-separated with header, rows and their start lines', () => {
  const parsed = parseCsv('ref,title\nA1-01,Innsyn\nA1-02,Dataportabilitet\n');
  assert.is(parsed.separator, ',');
  assert.equal(parsed.header, ['ref', 'title']);
  assert.equal(parsed.rows, [
    { line: 2, cells: ['A1-01', 'Innsyn'] },
    { line: 3, cells: ['A1-02', 'Dataportabilitet'] },
  ]);
});

Parse('semicolon-separated is detected from the header, commas in cells stay text', () => {
  const parsed = parseCsv('ref;title;articles\nA1-01;Innsyn, egen journal;3\n');
  assert.is(parsed.separator, ';');
  assert.equal(parsed.rows[0]!.cells, ['A1-01', 'Innsyn, egen journal', '3']);
});

Parse('a BOM is dropped and header names are trimmed', () => {
  const parsed = parseCsv('\uFEFF ref , title\nA1-01,Innsyn');
  assert.equal(parsed.header, ['ref', 'title']);
  assert.equal(parsed.rows[0]!.cells, ['A1-01', 'Innsyn']);
});

Parse('quoted fields: separators, doubled quotes, empty quotes', () => {
  assert.equal(cellsOf('a,b,c\n"x,y","si ""hei""",""\n'), [['x,y', 'si "hei"', '']]);
  assert.equal(cellsOf('a;b\n"3;4";"a;b"\n'), [['3;4', 'a;b']]);
});

Parse('newlines inside quotes (LF and CRLF) stay in the cell; the next row gets the right line', () => {
  const parsed = parseCsv('a,b\r\n"line 1\r\nline 2\nline 3",x\r\nnext,y\r\n');
  assert.equal(parsed.rows[0]!.cells, ['line 1\r\nline 2\nline 3', 'x']);
  assert.is(parsed.rows[0]!.line, 2);
  assert.equal(parsed.rows[1], { line: 5, cells: ['next', 'y'] });
});

Parse('CRLF, lone CR and missing final newline all end records; blank lines are skipped', () => {
  assert.equal(cellsOf('a,b\r\n1,2\r\n\r\n3,4\r5,6'), [
    ['1', '2'],
    ['3', '4'],
    ['5', '6'],
  ]);
});

Parse('empty cells and trailing separators are kept', () => {
  assert.equal(cellsOf('a,b,c\n,,\n1,,\n'), [
    ['', '', ''],
    ['1', '', ''],
  ]);
  assert.equal(cellsOf('a\n""'), [['']]);
  assert.equal(cellsOf('a,b\n1,'), [['1', '']]);
  assert.equal(cellsOf('a;b\n"x";'), [['x', '']]);
});

Parse('æøå and other UTF-8 text passes through', () => {
  assert.equal(cellsOf('a,b\nSærskilt ørsmå åpninger,«sitat» – ok\n'), [['Særskilt ørsmå åpninger', '«sitat» – ok']]);
});

Parse('an unterminated quote throws CsvSyntaxError with the line where the quote opened', () => {
  try {
    parseCsv('a,b\n1,2\n"two\nlines","never closed\nmore\nlines\n');
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, CsvSyntaxError);
    assert.is((err as CsvSyntaxError).line, 4);
    assert.match((err as Error).message, /not closed/);
  }
});

Parse('a stray quote in an unquoted field and text after a closing quote are errors with their line', () => {
  const lineOf = (text: string) => {
    try {
      parseCsv(text);
    } catch (err) {
      assert.instance(err, CsvSyntaxError);
      return (err as CsvSyntaxError).line;
    }
    return assert.unreachable('should throw');
  };
  assert.is(lineOf('a,b\n1,2\nab"c,d\n'), 3);
  assert.is(lineOf('a,b\n"x"y,2\n'), 2);
  assert.is(lineOf('a,b\n"multi\nline"oops,2\n'), 3);
});

Parse('an empty file has no header', () => {
  assert.throws(
    () => parseCsv(''),
    (err: unknown) => err instanceof CsvSyntaxError && /header/.test(err.message),
  );
  assert.throws(
    () => parseCsv('\uFEFF\r\n\r\n'),
    (err: unknown) => err instanceof CsvSyntaxError,
  );
});

Parse('parseCsvObjects keys cells by header and fills short rows with empty strings', () => {
  assert.equal(parseCsvObjects('a,b\n1\n'), [{ a: '1', b: '' }]);
});

const Formula = suite('csv: formula safety');

Formula('cells starting with = + - @ tab or CR get an apostrophe; others do not', () => {
  for (const v of ['=SUM(A1)', '+47 22 00 00 00', '-1', '@cmd', '\tx', '\rx']) assert.is(formulaSafe(v), `'${v}`, v);
  for (const v of ['', 'Innsyn', 'a=b', "'quoted", '3;4', ' =x']) assert.is(formulaSafe(v), v, v);
});

Formula('unFormulaSafe undoes formulaSafe for every value, including ones that start with an apostrophe', () => {
  const values = ['=SUM(A1)', '@cmd', '-', "'=already", "''+x", "'plain", "'", '', 'tekst', '=', "'-1"];
  for (const v of values) assert.is(unFormulaSafe(formulaSafe(v)), v, JSON.stringify(v));
  // Text that merely starts with an apostrophe is left alone on import.
  assert.is(unFormulaSafe("'plain"), "'plain");
  assert.is(unFormulaSafe("'=x"), '=x');
});

const Write = suite('csv: writeCsv');

Write('BOM, CRLF, quoting of separators, quotes and newlines, formula-safe cells; parses back', () => {
  const rows = [
    ['A1-01', 'a;b', 'si "hei"\nny linje', '=SUM(A1)', '@cmd', 'æøå, ÆØÅ'],
    ['A1-02', '', '-', '+1', "'=x", 'plain'],
  ];
  const header = ['ref', 'list', 'text', 'f1', 'f2', 'f3'];
  const csv = writeCsv(header, rows);
  assert.ok(csv.startsWith('\uFEFFref,list,text,f1,f2,f3\r\n'));
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(csv.includes(`"'=SUM(A1)"`) || csv.includes(`'=SUM(A1)`));
  assert.not.ok(/(^|,)=SUM/m.test(csv), 'no cell starts with =');
  assert.not.ok(/(^|,)@cmd/m.test(csv), 'no cell starts with @');
  const parsed = parseCsv(csv);
  assert.equal(parsed.header, header);
  assert.equal(
    parsed.rows.map((r) => r.cells.map(unFormulaSafe)),
    rows,
  );
});

const Decode = suite('csv: decodeUtf8');

Decode('UTF-8 with or without BOM decodes; invalid UTF-8 (e.g. Windows-1252) is refused', () => {
  assert.is(decodeUtf8(new TextEncoder().encode('ref,title\nA1-01,Særskilt')), 'ref,title\nA1-01,Særskilt');
  assert.is(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), 'a');
  assert.throws(
    () => decodeUtf8(new Uint8Array([0x72, 0x65, 0x66, 0x0a, 0x53, 0xe6, 0x72])),
    (err: unknown) => err instanceof CsvEncodingError,
  );
});

Parse.run();
Formula.run();
Write.run();
Decode.run();
