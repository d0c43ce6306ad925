export * from './localized.js'
export * from './catalogue.js'
export * from './message.js'
export * from './rejection-text.js'
