// @ts-check
/**
 * CI's run of `npm run faults --fast`: the script's own figures must show nothing lost, nothing
 * doubled, no secret leaked and every bad input refused before any request.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

test('npm run faults (fast subset): 0 lost, 0 doubled, 0 leaks, every bad input refused', () => {
	const run = spawnSync(
		process.execPath,
		[path.join(__dirname, '..', '..', 'scripts', 'faults.js'), '--fast'],
		{
			encoding: 'utf8',
			timeout: 240_000,
		},
	);
	const lines = run.stdout.trim().split('\n');
	const faults =
		/^faults: (\d+) tried, (\d+) orders lost, (\d+) writes doubled, (\d+) secret leaks$/.exec(
			lines[lines.length - 2] ?? '',
		);
	const bad = /^bad inputs: (\d+) tried, (\d+) refused before any request$/.exec(
		lines[lines.length - 1] ?? '',
	);
	expect(run.status).toBe(0);
	expect(faults).not.toBeNull();
	expect(bad).not.toBeNull();
	const [, tried, lost, doubled, leaks] = /** @type {RegExpExecArray} */ (faults).map(Number);
	expect(tried).toBeGreaterThanOrEqual(10);
	expect({ lost, doubled, leaks }).toEqual({ lost: 0, doubled: 0, leaks: 0 });
	const [, badTried, refused] = /** @type {RegExpExecArray} */ (bad).map(Number);
	expect(badTried).toBeGreaterThanOrEqual(60);
	expect(refused).toBe(badTried);
	expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([]);
}, 300_000);
