/** A random password for a new account, made in the browser: 20 letters and digits without look-alikes. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(): string {
  const chars: string[] = [];
  const bytes = new Uint8Array(1);
  while (chars.length < 20) {
    crypto.getRandomValues(bytes);
    const b = bytes[0] as number;
    // Rejection sampling: only bytes below the largest multiple of the alphabet's length, so every character is as likely.
    if (b < 256 - (256 % ALPHABET.length)) chars.push(ALPHABET[b % ALPHABET.length] as string);
  }
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export const MIN_PASSWORD_LENGTH = 12;
