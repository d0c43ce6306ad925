export { protectPersonalData, type PersonalDataOptions, type ProtectedStore } from './protect.js'
export type { Keyring, SubjectKey, KeyLookup, ErasureReceipt } from './keyring.js'
export { memoryKeyring } from './memory-keyring.js'
export { sqlKeyring, subjectKeysSchema, type Queryable, type SqlKeyringOptions } from './sql-keyring.js'
export {
  kezekPersonalFields,
  mapPersonalFields,
  subjectOf,
  ERASED_IIN,
  ERASED_TEXT,
  type PersonalField,
  type Match,
} from './personal-fields.js'
export { sealText, parseSealed, SEALED_PREFIX } from './cipher.js'
