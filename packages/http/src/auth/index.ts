export * from './principal.js'
export * from './hmac-token.js'
export * from './policy.js'
