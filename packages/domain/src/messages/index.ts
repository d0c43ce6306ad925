export * from './localized'
export * from './catalogue'
export * from './message'
export * from './rejection-text'
