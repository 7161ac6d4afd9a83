import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Passwords are low-entropy: argon2id (OWASP's minimum parameters, the library's defaults).
// Session and API tokens are 256 random bits: a sha256 is enough to make a stolen table useless,
// and it lets a request find its row by an indexed lookup.

export const hashPassword = (password: string) => hash(password);

// Verified against when the login is unknown, so both answers take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3UYetwGJOjY7lo/TWVqzbw$ImCnFkPY6zK/OxxEsCrtCpS3j2wyd5uf2wSqQ2zLbcw';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password) && passwordHash !== null;
  } catch {
    return false;
  }
}

/** A one-time password a person can type: 20 characters from an unambiguous alphabet (≈ 100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

export const generateToken = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
