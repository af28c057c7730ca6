import { missingServices } from './clusterServices.ts';

/**
 * Vitest global setup for test:cluster: when Redis or PostgreSQL is missing, the run stops here, before any
 * test, with what is missing and the command that starts it (and nothing else around it).
 */
export default async function checkServices(): Promise<void> {
  const problems = await missingServices();
  if (!problems.length) return;
  process.stderr.write(
    `\nnpm run test:cluster needs Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, trust auth, database "test").\n  ${problems.join('\n  ')}\n\n`,
  );
  process.exit(1);
}
