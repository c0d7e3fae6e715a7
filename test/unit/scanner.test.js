// @ts-check
'use strict';

/**
 * `npm run scan` (scripts/scan-package.js): the packed tarball passes the rules n8n's
 * verification scanner lints with, and the scan really finds what that scanner would reject.
 * The script runs as a child process: it loads the ESM rule plugins with import(), which jest's
 * module sandbox does not support.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'scan-package.js');

jest.setTimeout(90_000);

/** @param {string[]} args */
function scan(args) {
	const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
	return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

test('the packed tarball and the sources pass the scanner rules', () => {
	const { code, output } = scan([]);
	expect(output).toMatch(/tarball: [1-9]\d* files linted, 0 problems/);
	expect(output).toMatch(/source: [1-9]\d* files linted, 0 problems/);
	expect(output).toMatch(/passed: no problems/);
	expect(code).toBe(0);
});

describe('a package the scanner would reject', () => {
	/** @type {string} */
	let folder;

	beforeAll(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'walmart-scan-fixture-'));
		fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(folder, 'package.json'));
		// What the tarball held before declarations were left out of `files`.
		fs.mkdirSync(path.join(folder, 'dist', 'credentials'), { recursive: true });
		fs.writeFileSync(
			path.join(folder, 'dist', 'credentials', 'WalmartMarketplaceApi.credentials.d.ts'),
			[
				"import type { ICredentialType } from 'n8n-workflow';",
				'export declare class WalmartMarketplaceApi implements ICredentialType {',
				'\tname: string;',
				'}',
				'',
			].join('\n'),
		);
		fs.mkdirSync(path.join(folder, 'dist', 'nodes'), { recursive: true });
		fs.writeFileSync(
			path.join(folder, 'dist', 'nodes', 'debug.js'),
			"// eslint-disable-next-line no-console\nconsole.log('left in');\n",
		);
	});

	afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

	test('fails, naming each rule, and ignores eslint-disable comments', () => {
		const { code, output } = scan(['--dir', folder]);
		expect(code).toBe(1);
		expect(output).toMatch(/cred-filename-against-convention/);
		expect(output).toMatch(/dist\/nodes\/debug\.js[\s\S]*no-console/);
		expect(output).toMatch(/FAILED: 2 problems/);
	});
});
