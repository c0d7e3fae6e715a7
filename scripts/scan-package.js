// @ts-check
'use strict';

/**
 * `npm run scan`: the lint part of n8n's verification scanner (`@n8n/scan-community-package`),
 * run before publishing instead of after. The real scanner only accepts a package name and reads
 * it from the npm registry, so this packs the package as `npm publish` would, unpacks the
 * tarball into a temporary folder and lints it with the scanner's rule set:
 *
 * - `@n8n/eslint-plugin-community-nodes` (recommended config) and `no-console`;
 * - `eslint-plugin-n8n-nodes-base`'s community, credentials and nodes rulesets by path, with the
 *   same rules switched off as `n8n-node lint`;
 * - inline configuration ignored (`allowInlineConfig: false`): an `eslint-disable` comment that
 *   keeps `npm run lint` green does not help in the scan.
 *
 * Two passes, as the scanner makes them: the unpacked tarball (every `.js`, `.ts` and `.json`,
 * the widest set any scanner version lints there), and the sources the provenance attestation
 * points at (`package.json` and `{nodes,credentials}/**` of this checkout).
 *
 * The rule plugins are the ones `@n8n/node-cli` brings for `n8n-node lint`, so nothing extra is
 * installed. Exits 0 when there is no problem at all, 1 on any error or warning, 2 when it could
 * not run. `--keep` leaves the temporary folder in place; `--dir <folder>` lints an unpacked
 * package folder with the tarball pass only (the test uses it to prove the scan finds problems).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');
const { pathToFileURL } = require('url');
const { spawnSync } = require('child_process');
const { ROOT } = require('./lib/runtime');
const { buildIfNeeded } = require('./lib/build');
const { packProject } = require('./lib/n8n');

const TARBALL_PATTERNS = ['**/*.js', '**/*.ts', '**/*.json'];
const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const IGNORED = ['**/node_modules/**', '**/package-lock.json'];

/**
 * @typedef {object} ScanPass
 * @property {string} name
 * @property {string} cwd
 * @property {string[]} files absolute paths
 * @property {import('eslint').ESLint.LintResult[]} results
 */

/**
 * @typedef {object} Toolchain
 * @property {typeof import('eslint').ESLint} ESLint
 * @property {import('eslint').Linter.Config[]} config
 * @property {(cwd: string, patterns: string[]) => string[]} listFiles absolute paths, sorted
 */

/**
 * @typedef {object} RuleSetsPlugin
 * @property {Record<'community' | 'credentials' | 'nodes', { rules: import('eslint').Linter.RulesRecord }>} configs
 */

/**
 * Loads ESLint and the rule plugins from where `@n8n/node-cli` resolves them, so the scan uses
 * exactly the versions `n8n-node lint` uses.
 * @returns {Promise<Toolchain>}
 */
async function loadToolchain() {
	// eslint-plugin-n8n-nodes-base swaps real file names for its own fixtures' when NODE_ENV is
	// "test" (as under jest), which turns every file-name rule into a false report.
	if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
	const fromCli = createRequire(require.resolve('@n8n/node-cli/eslint'));
	/**
	 * @param {string} name
	 * @returns {Promise<unknown>}
	 */
	const load = async (name) => await import(pathToFileURL(fromCli.resolve(name)).href);
	/**
	 * CommonJS modules arrive as `{ default: exports }` through import().
	 * @param {unknown} module
	 */
	const interop = (module) =>
		/** @type {{ default?: unknown }} */ (module).default ?? /** @type {unknown} */ (module);

	const { ESLint } = /** @type {typeof import('eslint')} */ (await load('eslint'));
	const { n8nCommunityNodesPlugin } =
		/** @type {{ n8nCommunityNodesPlugin: { configs: { recommended: import('eslint').Linter.Config } } }} */ (
			await load('@n8n/eslint-plugin-community-nodes')
		);
	const nodesBase = /** @type {import('eslint').ESLint.Plugin & RuleSetsPlugin} */ (
		interop(await load('eslint-plugin-n8n-nodes-base'))
	);
	const parser = /** @type {import('eslint').Linter.Parser} */ (
		interop(await load('@typescript-eslint/parser'))
	);
	const fastGlob =
		/** @type {{ sync: (patterns: string[], options: Record<string, unknown>) => string[] }} */ (
			interop(await load('fast-glob'))
		);

	/** @type {import('eslint').Linter.Config[]} */
	const config = [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		// package.json rules walk the object literal the TypeScript parser makes of a JSON file.
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser } },
	];
	/** @type {Toolchain['listFiles']} */
	const listFiles = (cwd, patterns) =>
		fastGlob.sync(patterns, { cwd, absolute: true, onlyFiles: true, ignore: IGNORED }).sort();
	return { ESLint, config, listFiles };
}

/**
 * @param {Toolchain} toolchain
 * @param {string} name
 * @param {string} cwd
 * @param {string[]} patterns
 * @returns {Promise<ScanPass>}
 */
async function lintPass(toolchain, name, cwd, patterns) {
	const eslint = new toolchain.ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: toolchain.config,
	});
	const files = toolchain.listFiles(cwd, patterns);
	const results = files.length ? await eslint.lintFiles(files) : [];
	return { name, cwd, files, results };
}

/**
 * @param {ScanPass} pass
 */
function problemCount(pass) {
	return pass.results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
}

/**
 * ESLint's stylish report, with paths relative to the pass's folder so that a tarball problem
 * reads `dist/credentials/…` rather than a temporary path.
 * @param {ScanPass} pass
 */
function report(pass) {
	const lines = [];
	for (const result of pass.results) {
		if (result.messages.length === 0) continue;
		lines.push(path.relative(pass.cwd, result.filePath));
		for (const message of result.messages) {
			const severity = message.severity === 2 ? 'error  ' : 'warning';
			const where = `${message.line ?? 0}:${message.column ?? 0}`.padEnd(7);
			lines.push(`  ${where} ${severity}  ${message.message}  ${message.ruleId ?? ''}`);
		}
	}
	return lines.join('\n');
}

/**
 * Prints each pass and its problems; the exit code is 1 on any problem.
 * @param {ScanPass[]} passes
 * @param {number} started
 */
function summarise(passes, started) {
	let problems = 0;
	for (const pass of passes) {
		const count = problemCount(pass);
		problems += count;
		log(`${pass.name}: ${pass.files.length} files linted, ${count} problems`);
		if (count) process.stdout.write(`${report(pass)}\n`);
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (problems) {
		log(`FAILED: ${problems} problems (${seconds} s); n8n's verification scan would reject this`);
		return 1;
	}
	log(`passed: no problems (${seconds} s)`);
	return 0;
}

/** @param {string} message */
function log(message) {
	process.stdout.write(`[scan] ${message}\n`);
}

async function main() {
	const keep = process.argv.includes('--keep');
	const started = Date.now();

	/** @type {Toolchain} */
	let toolchain;
	try {
		toolchain = await loadToolchain();
	} catch (error) {
		log(
			`cannot load the scanner's rule plugins through @n8n/node-cli (${/** @type {Error} */ (error).message}). Run \`npm ci\` first.`,
		);
		return 2;
	}

	const dirIndex = process.argv.indexOf('--dir');
	if (dirIndex >= 0) {
		const folder = path.resolve(process.argv[dirIndex + 1] ?? '.');
		return summarise([await lintPass(toolchain, 'folder', folder, TARBALL_PATTERNS)], started);
	}

	buildIfNeeded({ log });
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walmart-scan-'));
	try {
		const tarball = packProject(workDir);
		const unpacked = path.join(workDir, 'package-contents');
		fs.mkdirSync(unpacked);
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (untar.status !== 0) throw new Error(`tar could not unpack ${tarball}: ${untar.stderr}`);
		log(`packed and unpacked ${path.basename(tarball)}`);

		const passes = [
			await lintPass(toolchain, 'tarball', unpacked, TARBALL_PATTERNS),
			await lintPass(toolchain, 'source', ROOT, SOURCE_PATTERNS),
		];
		return summarise(passes, started);
	} finally {
		if (keep) log(`kept ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		log(`could not run: ${error instanceof Error ? error.message : error}`);
		process.exit(2);
	},
);
