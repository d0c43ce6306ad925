/**
 * SHA-256 in one call. Every append hashes its events (the chain) and, on PostgreSQL, its stream's lock key: with
 * `createHash` each is a Hash object made, fed and finalised, three crossings into C++ and an object for the
 * collector; Node's one-shot `crypto.hash` (20.12 and later) is one. Node 20 before 20.12 lacks it, and gets the
 * same digest the long way.
 */
import * as crypto from 'node:crypto'

type OneShot = (algorithm: string, data: string, encoding: 'hex' | 'buffer') => string | Buffer

const oneShot = (crypto as { hash?: OneShot }).hash

/** The hex digest of a string's UTF-8 bytes. */
export const sha256Hex: (text: string) => string =
  oneShot === undefined
    ? (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : (text) => oneShot('sha256', text, 'hex') as string

/** The digest of a string's UTF-8 bytes, as bytes. */
export const sha256Bytes: (text: string) => Buffer =
  oneShot === undefined
    ? (text) => crypto.createHash('sha256').update(text, 'utf8').digest()
    : (text) => oneShot('sha256', text, 'buffer') as Buffer
