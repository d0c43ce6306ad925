import { openPostgresStore } from '../../src/store/postgres.js'
import { storeContract } from './contract.js'
import { ownDatabase, sqlHarness, uniqueSchema } from './sql-harness.js'

const schema = uniqueSchema('contract')
// Its own database: the contract reads right after it writes (see ownDatabase).
const database = await ownDatabase('contract')

const contract = storeContract('PostgreSQL', async () =>
  sqlHarness(await openPostgresStore({ connectionString: database.url, schema })),
)
contract.after(() => database.drop())
contract.run()
