import { openPostgresStore } from '../../src/store/postgres'
import { storeContract } from './contract'
import { dropSchema, PG_URL, sqlHarness, uniqueSchema } from './sql-harness'

const schema = uniqueSchema('contract')

const contract = storeContract('PostgreSQL', async () =>
  sqlHarness(await openPostgresStore({ connectionString: PG_URL, schema })),
)
contract.after(() => dropSchema(schema))
contract.run()
