import { channelSuite } from './channels'
import { openIsolatedPostgres } from './pg'

channelSuite('PostgreSQL', () => openIsolatedPostgres('channels')).run()
