// @ts-check
'use strict';

/**
 * n8n in queue mode on this machine, for `npm start -- --queue` and the queue-mode tests: real
 * Redis and PostgreSQL from Debian's packages (installed when missing, run as plain local
 * processes on loopback with throwaway data folders), then n8n's main process and its workers,
 * each with its own user folder holding the package installed as the Community Nodes installer
 * does, all sharing one database, one Redis and one encryption key.
 *
 * No containers: CI runs on a bare machine as root, and the developer machines are the same kind.
 */

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { N8n, freePort, isPortFree } = require('./n8n');

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} name */
function onPath(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** The newest PostgreSQL server binaries Debian's packages put on this machine, if any. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((name) => fs.existsSync(path.join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * Installs redis-server and postgresql from Debian's packages when either is missing. Needs root
 * (CI and the project's machines run as root); elsewhere it says what to install.
 * @param {(line: string) => void} log
 */
function ensureServerPackages(log) {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`Queue mode needs ${missing.join(' and ')}; install them (sudo apt-get install -y ${missing.join(' ')}) and run again.`,
		);
	}
	const started = Date.now();
	log(`installing ${missing.join(' and ')} from Debian's packages (about 30 s; once per machine)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', ...missing],
	]) {
		const result = spawnSync('apt-get', args, { encoding: 'utf8', env });
		if (result.status !== 0) {
			throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stderr.slice(-3000)}`);
		}
	}
	// Debian's postinst may start a cluster or a redis service of its own where an init system
	// runs; this setup never uses them (its own ports and data folders), so they are left alone.
	log(`installed ${missing.join(' and ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * A server process this module started, in a process group of its own so that one signal ends it
 * with its children (PostgreSQL's backends) and a Ctrl-C in the terminal reaches only the
 * launcher, which then stops everything in order.
 */
class Service {
	/**
	 * @param {string} name
	 * @param {string} command
	 * @param {string[]} args
	 * @param {{ logFile: string, env?: NodeJS.ProcessEnv, cwd?: string, stopSignal?: NodeJS.Signals }} options
	 */
	constructor(name, command, args, options) {
		this.name = name;
		this.logFile = options.logFile;
		this.stopSignal = options.stopSignal ?? 'SIGTERM';
		const logFd = fs.openSync(options.logFile, 'a');
		this.child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		fs.closeSync(logFd);
		/** @type {number | null | undefined} */
		this.exitCode = undefined;
		this.exited = new Promise((resolve) => {
			this.child.once('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? -1 : 0);
				resolve(undefined);
			});
		});
	}

	get running() {
		return this.exitCode === undefined;
	}

	log() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** @param {NodeJS.Signals} signal */
	signal(signal) {
		if (!this.child.pid) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// Already gone.
		}
	}

	/** Asks the group to stop, then kills it if it lingers. */
	async stop(timeoutMs = 20_000) {
		if (!this.running) return;
		this.signal(this.stopSignal);
		// A timer cleared once the group exits: a bare sleep() would stay pending for the whole
		// timeout and keep the caller (jest) from exiting.
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const timedOut = await Promise.race([
			this.exited.then(() => false),
			new Promise((resolve) => {
				timer = setTimeout(() => resolve(true), timeoutMs);
			}),
		]);
		clearTimeout(timer);
		if (timedOut) {
			this.signal('SIGKILL');
			await this.exited;
		}
		// Children (a task runner, a backend) can outlast the group leader by a moment.
		this.signal('SIGKILL');
	}
}

/**
 * @param {Service} service
 * @param {() => Promise<boolean>} ready
 * @param {number} timeoutMs
 */
async function waitUntilReady(service, ready, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (!service.running) {
			throw new Error(`${service.name} exited while starting:\n${service.log().slice(-3000)}`);
		}
		try {
			if (await ready()) return;
		} catch {
			// Not up yet.
		}
		if (Date.now() > deadline) {
			await service.stop();
			throw new Error(`${service.name} did not become ready:\n${service.log().slice(-3000)}`);
		}
		await sleep(200);
	}
}

/**
 * Whether a Redis answers PING on the port (a bare RESP exchange: no client library needed).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function redisPing(port) {
	const net = require('net');
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		let answer = '';
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * @param {{ dir: string, log: (line: string) => void }} options
 */
async function startRedis(options) {
	const port = await freePort();
	const dir = path.join(options.dir, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	// No persistence: the queue lives as long as this run, like its database.
	const service = new Service(
		'redis-server',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ logFile: path.join(options.dir, 'redis.log'), cwd: dir },
	);
	await waitUntilReady(service, () => redisPing(port), 30_000);
	options.log(`Redis listening on 127.0.0.1:${port}`);
	return { service, port };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Runs a PostgreSQL binary as the `postgres` user when this is root (the server refuses to run as
 * root), as the current user otherwise.
 * @param {string} binary
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function asPostgres(binary, args) {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/**
 * A fresh PostgreSQL cluster in `<dir>/postgres`, trusting loopback connections only, with the
 * database `n8n` created.
 * @param {{ dir: string, log: (line: string) => void }} options
 */
async function startPostgres(options) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
	const port = await freePort();
	const root = path.join(options.dir, 'postgres');
	const data = path.join(root, 'data');
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(root, { recursive: true });
	if (isRoot()) {
		spawnSync('chown', ['-R', 'postgres:postgres', root]);
		// The postgres user must be able to reach its folder through the temp folders above it.
		fs.chmodSync(options.dir, 0o755);
	}
	const [initCommand, initArgs] = asPostgres(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--no-sync',
	]);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8', cwd: root });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

	// Durability settings off: this database lives as long as one test run, and fsync on a busy
	// 2-core machine would only slow n8n's migrations down.
	const [command, args] = asPostgres(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		root,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const logFile = path.join(options.dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	// SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them.
	const service = new Service('postgres', command, args, {
		logFile,
		cwd: root,
		stopSignal: 'SIGINT',
	});
	const isReady = path.join(bin, 'pg_isready');
	await waitUntilReady(
		service,
		async () =>
			spawnSync(isReady, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']).status === 0,
		60_000,
	);
	const createdb = spawnSync(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'],
		{ encoding: 'utf8' },
	);
	if (createdb.status !== 0) throw new Error(`createdb n8n failed:\n${createdb.stderr}`);
	options.log(`PostgreSQL ${path.basename(path.dirname(bin))} listening on 127.0.0.1:${port}`);
	return { service, port, bin };
}

/**
 * @typedef {object} QueueClusterOptions
 * @property {string} baseDir everything of this run: data folders, user folders, logs
 * @property {number} [port] main process editor/webhook port; a free one when omitted
 * @property {number} [workers] how many `n8n worker` processes (default 2)
 * @property {number} [concurrency] jobs each worker runs at once (default 10, n8n's default)
 * @property {boolean} [webhookProcess] also start an `n8n webhook` process
 * @property {Record<string, string>} [env] extra environment for every n8n process
 * @property {(line: string) => void} [log]
 */

/** n8n's main process, workers and optional webhook process on shared Redis and PostgreSQL. */
class QueueCluster {
	/** @param {QueueClusterOptions} options */
	constructor(options) {
		this.baseDir = path.resolve(options.baseDir);
		this.port = options.port ?? 0;
		this.workerCount = options.workers ?? 2;
		this.concurrency = options.concurrency ?? 10;
		this.withWebhookProcess = options.webhookProcess ?? false;
		this.extraEnv = options.env ?? {};
		this.log = options.log ?? (() => {});
		/** @type {{ service: Service, port: number } | undefined} */
		this.redis = undefined;
		/** @type {{ service: Service, port: number, bin: string } | undefined} */
		this.postgres = undefined;
		/** @type {N8n | undefined} */
		this.main = undefined;
		/** @type {Array<{ name: string, n8n: N8n, service: Service, healthPort: number }>} */
		this.workers = [];
		/** @type {{ n8n: N8n, service: Service, port: number } | undefined} */
		this.webhook = undefined;
		// One key for every process: each decrypts the credential the others stored.
		this.encryptionKey = require('crypto').randomBytes(24).toString('hex');
	}

	/** Prepares the services and the user folders, imports, then starts main and workers. */
	async startServices() {
		ensureServerPackages(this.log);
		fs.rmSync(this.baseDir, { recursive: true, force: true });
		fs.mkdirSync(this.baseDir, { recursive: true });
		this.redis = await startRedis({ dir: this.baseDir, log: this.log });
		this.postgres = await startPostgres({ dir: this.baseDir, log: this.log });
		if (!this.port) this.port = await freePort();
		else if (!(await isPortFree(this.port))) {
			throw new Error(`Port ${this.port} is taken (another n8n?); choose another with --port.`);
		}
		this.main = this.n8nFor('main', this.port);
	}

	/**
	 * The environment that puts an n8n process into this cluster.
	 * @returns {Record<string, string>}
	 */
	queueEnv() {
		if (!this.redis || !this.postgres) throw new Error('services not started');
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// Manual runs from the editor go to the workers too, as production ones do: what the
			// package must survive is running anywhere but where it was started.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// Every execution's record stays, so tests and people can read what each one did.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			...this.extraEnv,
		};
	}

	/**
	 * @param {string} name
	 * @param {number} port
	 */
	n8nFor(name, port) {
		const userFolder = path.join(this.baseDir, name);
		return new N8n({
			userFolder,
			port,
			logFile: path.join(this.baseDir, `${name}.log`),
			env: this.queueEnv(),
		});
	}

	/**
	 * Installs the packed package into every process's user folder, as the Community Nodes
	 * installer would on each machine of a real deployment.
	 * @param {string} tarball
	 */
	installPackageEverywhere(tarball) {
		if (!this.main) throw new Error('services not started');
		const names = ['main', ...this.workerNames(), ...(this.withWebhookProcess ? ['webhook'] : [])];
		for (const name of names) {
			const n8n = name === 'main' ? this.main : this.n8nFor(name, 0);
			n8n.resetUserFolder();
			n8n.installPackage(tarball);
		}
		this.log(
			`installed ${path.basename(tarball)} into ${names.length} user folders (${names.join(', ')})`,
		);
	}

	workerNames() {
		return Array.from({ length: this.workerCount }, (_, index) => `worker-${index + 1}`);
	}

	/** Starts the main process (it runs the migrations) and then the workers in parallel. */
	async startN8n() {
		if (!this.main) throw new Error('services not started');
		let started = Date.now();
		await this.main.start({ timeoutMs: 240_000 });
		this.log(`n8n main process ready on ${this.main.baseUrl} (${seconds(started)})`);
		started = Date.now();
		const workers = await Promise.all(this.workerNames().map((name) => this.startWorker(name)));
		this.workers.push(...workers);
		this.log(`${workers.length} workers ready (${seconds(started)})`);
		if (this.withWebhookProcess) {
			started = Date.now();
			this.webhook = await this.startWebhookProcess();
			this.log(
				`webhook process ready on http://localhost:${this.webhook.port} (${seconds(started)})`,
			);
		}
	}

	/**
	 * Spawns one `n8n <command>` of the cluster and waits for its /healthz/readiness.
	 * @param {string} name
	 * @param {string[]} args
	 * @param {number} port where its health endpoint answers
	 * @param {Record<string, string>} env
	 */
	async spawnProcess(name, args, port, env) {
		const n8n = this.n8nFor(name, port);
		const brokerPort = await freePort();
		const service = new Service(
			`n8n ${args[0]} (${name})`,
			n8n.runtime.nodeBin,
			[n8n.runtime.n8nMain, ...args],
			{
				logFile: n8n.logFile,
				cwd: n8n.userFolder,
				env: { ...n8n.env(brokerPort), ...env },
			},
		);
		await waitUntilReady(
			service,
			async () => (await fetch(`http://127.0.0.1:${port}/healthz/readiness`)).ok,
			240_000,
		);
		return { n8n, service };
	}

	/** @param {string} name */
	async startWorker(name) {
		const healthPort = await freePort();
		const { n8n, service } = await this.spawnProcess(
			name,
			['worker', `--concurrency=${this.concurrency}`],
			healthPort,
			{
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		);
		return { name, n8n, service, healthPort };
	}

	async startWebhookProcess() {
		const port = await freePort();
		const { n8n, service } = await this.spawnProcess('webhook', ['webhook'], port, {});
		return { n8n, service, port };
	}

	/**
	 * Which worker logged that it started the execution, if any has.
	 * @param {string} executionId
	 */
	workerRunning(executionId) {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(`);
		return this.workers.find((worker) => pattern.test(worker.service.log()));
	}

	/** Stops everything this cluster started: n8n processes first, then Redis and PostgreSQL. */
	async stop() {
		const processes = [
			...(this.webhook ? [this.webhook.service] : []),
			...this.workers.map((worker) => worker.service),
		];
		await Promise.all(processes.map((service) => service.stop()));
		await this.main?.stop();
		await this.redis?.service.stop();
		await this.postgres?.service.stop();
	}
}

/** @param {number} since */
function seconds(since) {
	return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

module.exports = {
	QueueCluster,
	Service,
	ensureServerPackages,
	startRedis,
	startPostgres,
	postgresBinDir,
	redisPing,
};
