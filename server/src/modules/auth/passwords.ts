import { hash, verify } from '@node-rs/argon2';

// argon2id with the library defaults (19 MiB, t=2), OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$k3wBQjaINj/Ynh9LTbDKCQ$6/DbkOEbAR3kRdsxMH3V1M/TJEaU5nsOvaK2hnZ92jk';
