import { openPgliteStore } from '@kezek/adapters/store/pglite'
import { channelSuite } from './channels'

channelSuite('PGlite', async () => ({ store: await openPgliteStore(), dispose: async () => undefined })).run()
