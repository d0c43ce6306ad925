/**
 * The curve of NCA's GOST R 34.10-2015 512-bit keys: parameter set 1.2.398.3.10.1.1.2.2.1 is TC26
 * id-tc26-gost-3410-12-512-paramSetA (RFC 7836 §A.1; GOST R 34.10-2012 512-bit test parameters are a different
 * curve). Arithmetic from `@noble/curves` (audited, constant-time where it matters for signing). The test suite
 * checks that G is on the curve and q·G = O, and that real NCA keys are on it.
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js'

const p = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n
export const q = 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n

export const TC26_512_A = weierstrass({
  p,
  n: q,
  h: 1n,
  a: p - 3n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  Gx: 3n,
  Gy: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
})

export type GostPoint = InstanceType<typeof TC26_512_A>
