import { openPostgresStore } from '../../src/store/postgres.js'
import { storeContract } from './contract.js'
import { dropSchema, PG_URL, sqlHarness, uniqueSchema } from './sql-harness.js'

const schema = uniqueSchema('contract')

const contract = storeContract('PostgreSQL', async () =>
  sqlHarness(await openPostgresStore({ connectionString: PG_URL, schema })),
)
contract.after(() => dropSchema(schema))
contract.run()
