import { channelSuite } from './channels.js'
import { openIsolatedPostgres } from './pg.js'

channelSuite('PostgreSQL', () => openIsolatedPostgres('channels')).run()
