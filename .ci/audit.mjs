// `npm audit --omit=dev` for CI: fails on a high or critical advisory in a production dependency, naming
// each; says so plainly when the registry's advisory service does not answer (a mirror that only
// serves packages), and fails then too only with AUDIT_REQUIRED=1.
import { execFileSync } from 'node:child_process';

let output;
try {
  output = execFileSync('npm', ['audit', '--omit=dev', '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  output = error.stdout ?? ''; // npm audit exits 1 when it finds anything, or when it cannot ask
}
let report;
try {
  report = JSON.parse(output);
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = report.message ?? report.error?.summary ?? 'no answer';
  console.log(
    `npm audit: the advisory service did not answer (${why}): production dependencies NOT checked.`,
  );
  process.exit(process.env.AUDIT_REQUIRED === '1' ? 1 : 0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter((v) =>
  ['high', 'critical'].includes(v.severity),
);
const total = Object.values(counts).reduce((sum, n) => sum + n, 0) - (counts.total ?? 0);
if (serious.length === 0) {
  console.log(`npm audit: no high or critical advisory in production dependencies (${total} lower).`);
  process.exit(0);
}
for (const v of serious) {
  const fix = v.fixAvailable ? 'a fix is available (npm audit fix)' : 'no fix yet';
  console.log(`npm audit: ${v.severity} — ${v.name} ${v.range}: ${fix}`);
}
process.exit(1);
