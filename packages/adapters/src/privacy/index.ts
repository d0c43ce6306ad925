export { protectPersonalData, type PersonalDataOptions, type ProtectedStore } from './protect.js'
export type { Keyring, SubjectKey, KeyLookup, ErasureReceipt } from './keyring.js'
export { memoryKeyring } from './memory-keyring.js'
export { sqlKeyring, subjectKeysSchema, type Queryable, type SqlKeyringOptions } from './sql-keyring.js'
export {
  kezekPersonalFields,
  personalFieldsFrom,
  marksOf,
  mapPersonalFields,
  ownersOf,
  ERASED_IIN,
  ERASED_TEXT,
  type PersonalField,
  type PersonalFields,
  type FieldIndex,
  type Match,
} from './personal-fields.js'
export { iinsNamedIn } from './named-iins.js'
export {
  ERASURE_EVENT_TYPE,
  ERASURE_STREAM_PREFIX,
  erasureEvent,
  erasureRecordOf,
  erasedKidsOf,
  erasureStream,
  type ErasureRecord,
} from './erasure-record.js'
export { streamsNaming, checkErasureOrder, erasePerson, type ErasureOrder, type ErasureRefusal } from './erase.js'
export { openPersonalDataStore, type PersonalDataConfig } from './open.js'
export { sealText, parseSealed, combinedKey, SEALED_PREFIX } from './cipher.js'
export { personalDataTable, TABLE_START, TABLE_END } from './table.js'
