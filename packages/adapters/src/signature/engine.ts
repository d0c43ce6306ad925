/**
 * The one place that wires the crypto and DOM engines the signature libraries need on Node.
 *
 * - `@peculiar/x509` 2.x resolves its algorithms through tsyringe, which refuses to load without a Reflect
 *   metadata polyfill, so `reflect-metadata` must be evaluated before it: every module of this folder imports
 *   x509 from here, never from the package directly.
 * - xmldsigjs builds elements through xml-core, which on Node finds DOMParser/XMLSerializer only after
 *   `setNodeDependencies` (xmldsigjs#83: it is exported by xml-core, not by xmldsigjs).
 * - One WebCrypto instance serves xmldsigjs, pkijs (through `setEngine`) and x509, so keys made by one are
 *   accepted by the others.
 *
 * The setup is idempotent global configuration, done once at import; it changes no data.
 */
import 'reflect-metadata'
import { Crypto } from '@peculiar/webcrypto'
import * as x509 from '@peculiar/x509'
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { setNodeDependencies } from 'xml-core'
import * as xmldsig from 'xmldsigjs'
import xpath from 'xpath'

export const webcrypto: globalThis.Crypto = new Crypto() as unknown as globalThis.Crypto

setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation, xpath })
xmldsig.Application.setEngine('OpenSSL', webcrypto)
x509.cryptoProvider.set(webcrypto)

export { x509, xmldsig }
