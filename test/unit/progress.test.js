// @ts-check
'use strict';

/**
 * The first `npm start` installs n8n for minutes; scripts/lib/progress.js keeps it talking. Run
 * here with a fake "install" and a heartbeat every 200 ms instead of 30 s.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { duration, countPackages } = require('../../scripts/lib/progress');

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'lib', 'progress.js');

test('durations read as minutes and seconds', () => {
	expect(duration(6)).toBe('6s');
	expect(duration(475.4)).toBe('7m 55s');
	expect(duration(741)).toBe('12m 21s');
});

test('a long command gets heartbeat lines with elapsed time and progress, and keeps its exit code', () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'walmart-progress-'));
	const modules = path.join(folder, 'node_modules');
	try {
		// Nothing unpacked at first (npm resolving), then two packages, one of them scoped.
		const script = `sleep 0.5; mkdir -p "${modules}/@scope/b" "${modules}/a"; sleep 0.7; exit 3`;
		const result = spawnSync(
			process.execPath,
			[
				SCRIPT,
				JSON.stringify({
					command: 'sh',
					args: ['-c', script],
					cwd: folder,
					label: 'installing n8n',
					measuredSeconds: 475,
					countPackagesIn: modules,
					expectedPackages: 1520,
				}),
			],
			{ encoding: 'utf8', env: { ...process.env, WALMART_RUNTIME_HEARTBEAT_MS: '200' } },
		);
		expect(result.status).toBe(3);
		const lines = result.stderr.trim().split('\n');
		expect(lines.length).toBeGreaterThanOrEqual(3);
		for (const line of lines) {
			expect(line).toMatch(/^\[runtime\] {3}… still installing n8n: \d+s so far; it took 7m 55s/);
		}
		expect(lines[0]).toMatch(/npm is still resolving the dependency tree/);
		expect(lines[lines.length - 1]).toMatch(/2 of about 1,520 packages unpacked/);
		expect(countPackages(modules)).toBe(2);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
});
