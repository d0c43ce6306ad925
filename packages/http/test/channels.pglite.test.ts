import { openPgliteStore } from '@kezek/adapters'
import { channelSuite } from './channels.js'

channelSuite('PGlite', async () => ({ store: await openPgliteStore(), dispose: async () => undefined })).run()
