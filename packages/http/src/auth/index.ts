export * from './principal'
export * from './hmac-token'
export * from './policy'
