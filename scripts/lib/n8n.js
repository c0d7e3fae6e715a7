// @ts-check
'use strict';

/**
 * Drives a real n8n (the one scripts/lib/runtime.js installs) for `npm start`, the end-to-end
 * tests and the screenshot script: a user folder with this package installed the way n8n's
 * Community Nodes installer does it, CLI imports and runs, a started editor with its owner set
 * up, and the REST calls the editor itself makes.
 *
 * Runs under the machine's Node 20; n8n itself runs under Node 24 in child processes.
 */

const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { ROOT, ensureRuntime, node24Env } = require('./runtime');

const PACKAGE_JSON = /** @type {{ name: string, version: string }} */ (
	JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
);
const PACKAGE_NAME = PACKAGE_JSON.name;

/** The owner every launched instance gets, so nobody meets a sign-up form. */
const DEFAULT_OWNER = {
	email: 'demo@walmart-n8n.local',
	firstName: 'Demo',
	lastName: 'Seller',
	password: 'Walmart-Demo-2024',
};

/**
 * The REST API binds the session cookie to the browser ID the client sends, so every call from
 * this launcher presents the same one.
 */
const BROWSER_ID = 'walmart-marketplace-launcher';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP port nobody listens on at this moment (n8n's task-runner broker needs one per process).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * Packs the project as `npm publish` would (so only the files users get), into `outDir`.
 * Needs `dist/` built.
 * @param {string} outDir
 * @returns {string} absolute path of the tarball
 */
function packProject(outDir) {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing the package.');
	}
	fs.mkdirSync(outDir, { recursive: true });
	const result = spawnSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', outDir, '--loglevel=error'],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [info] = /** @type {{ filename: string }[]} */ (JSON.parse(result.stdout));
	return path.join(outDir, path.basename(info.filename));
}

/**
 * @typedef {object} CredentialImport
 * @property {string} id fixed, so that workflow nodes can reference it
 * @property {string} name
 * @property {string} type
 * @property {Record<string, unknown>} data decrypted fields; n8n encrypts them on import
 */

/**
 * @typedef {object} RunResult
 * @property {string} status n8n's execution status ('success', 'error', …)
 * @property {Record<string, Array<{ json: Record<string, any> }>>} output first main output of
 *   each node's last run, by node name
 * @property {any} raw the whole execution record n8n printed
 */

/**
 * @typedef {object} N8nOptions
 * @property {string} userFolder N8N_USER_FOLDER; n8n keeps its data in `<userFolder>/.n8n`
 * @property {number} [port] editor port; a free one when omitted
 * @property {string} [logFile] where the started n8n's output goes (default `<userFolder>/n8n.log`)
 * @property {Record<string, string>} [env] extra environment for every n8n process
 * @property {(line: string) => void} [log] progress messages
 */

class N8n {
	/** @param {N8nOptions} options */
	constructor(options) {
		this.userFolder = path.resolve(options.userFolder);
		this.dataFolder = path.join(this.userFolder, '.n8n');
		this.port = options.port ?? 0;
		this.logFile = options.logFile ?? path.join(this.userFolder, 'n8n.log');
		this.extraEnv = options.env ?? {};
		this.log = options.log ?? (() => {});
		this.runtime = ensureRuntime();
		/** @type {import('child_process').ChildProcess | undefined} */
		this.process = undefined;
		/** @type {string | undefined} */
		this.cookie = undefined;
		this.owner = DEFAULT_OWNER;
	}

	get baseUrl() {
		return `http://localhost:${this.port}`;
	}

	/** Deletes and recreates the user folder: a first-time n8n, like a fresh installation. */
	resetUserFolder() {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
		fs.mkdirSync(this.dataFolder, { recursive: true });
	}

	/**
	 * The environment every n8n process of this instance runs with.
	 * @param {number} brokerPort
	 * @returns {NodeJS.ProcessEnv}
	 */
	env(brokerPort) {
		const inherited = node24Env();
		// Under jest NODE_ENV is "test", which makes n8n refuse to load nodes ("Not available in
		// tests") and start silently broken; n8n runs here as a user runs it.
		delete inherited.NODE_ENV;
		for (const name of Object.keys(inherited)) {
			if (name.startsWith('JEST_')) delete inherited[name];
		}
		return {
			...inherited,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port || 5678),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_EDITOR_BASE_URL: this.port ? `${this.baseUrl}/` : '',
			N8N_WEBHOOK_URL: this.port ? `${this.baseUrl}/` : '',
			// Loopback only: nothing may try to reach n8n's own services on the internet.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			// Refreshes its catalogue from api.n8n.io, which is out of reach here.
			N8N_DISABLED_MODULES: 'mcp-registry',
			// Today's defaults, stated so that n8n does not warn they will change.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_TASK_TIMEOUT: '300',
			// The "customize n8n" survey after sign-up would stand between the user and the demo.
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			// Two n8n processes (a started editor and a CLI run, or two test files) must not share
			// the task-runner broker's port.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...this.extraEnv,
		};
	}

	/**
	 * Installs the packed package as n8n's Community Nodes installer does
	 * (CommunityPackagesService.downloadPackage in n8n 2.41): the tarball unpacked into
	 * `<userFolder>/.n8n/nodes/node_modules/<name>`, its dev, peer and optional dependencies
	 * dropped, `npm install` run there with the installer's flags, and the package recorded in
	 * the `installed-nodes` package.json beside it.
	 * @param {string} tarball
	 */
	installPackage(tarball) {
		const nodesDir = path.join(this.dataFolder, 'nodes');
		const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (untar.status !== 0) throw new Error(`tar failed on ${tarball}:\n${untar.stderr}`);

		const manifestPath = path.join(packageDir, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');

		const install = spawnSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=error',
			],
			{ cwd: packageDir, encoding: 'utf8', env: node24Env() },
		);
		if (install.status !== 0)
			throw new Error(`npm install in ${packageDir} failed:\n${install.stderr}`);

		const ledgerPath = path.join(nodesDir, 'package.json');
		/** @type {{ name: string, private: boolean, dependencies: Record<string, string> }} */
		let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
		try {
			const existing = JSON.parse(fs.readFileSync(ledgerPath, 'utf8'));
			if (existing && typeof existing.dependencies === 'object') ledger = existing;
		} catch {
			// No ledger yet: n8n would create this same one.
		}
		ledger.dependencies[PACKAGE_NAME] = manifest.version;
		fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
		return packageDir;
	}

	/**
	 * Runs one n8n CLI command to completion. Output goes to files: n8n can exit before a pipe
	 * drains, which cuts long output short.
	 * @param {string[]} args
	 * @param {{ allowFailure?: boolean, onSpawn?: (child: import('child_process').ChildProcess) => void }} [options]
	 *   `onSpawn` gets the n8n process as it starts (the benchmark samples its memory)
	 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
	 */
	async cli(args, options = {}) {
		const brokerPort = await freePort();
		const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
		const outDir = path.join(this.userFolder, 'cli');
		fs.mkdirSync(outDir, { recursive: true });
		const stdoutPath = path.join(outDir, `${args[0].replace(/[^\w.-]/g, '_')}-${stamp}.out`);
		const stderrPath = `${stdoutPath.slice(0, -4)}.err`;
		const out = fs.openSync(stdoutPath, 'w');
		const err = fs.openSync(stderrPath, 'w');
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nMain, ...args], {
			cwd: this.userFolder,
			env: this.env(brokerPort),
			stdio: ['ignore', out, err],
		});
		options.onSpawn?.(child);
		/** @type {number | null} */
		const code = await new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (exitCode) => resolve(exitCode));
		});
		fs.closeSync(out);
		fs.closeSync(err);
		const stdout = fs.readFileSync(stdoutPath, 'utf8');
		const stderr = fs.readFileSync(stderrPath, 'utf8');
		if (code !== 0 && !options.allowFailure) {
			throw new Error(
				`n8n ${args.join(' ')} exited with ${code}\n--- stdout (tail)\n${stdout.slice(-4000)}\n--- stderr (tail)\n${stderr.slice(-4000)}`,
			);
		}
		return { code, stdout, stderr };
	}

	/**
	 * `n8n import:credentials` with decrypted data and fixed IDs.
	 * @param {CredentialImport[]} credentials
	 */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'import', 'credentials.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/**
	 * `n8n import:workflow` for several workflows in one process (each n8n command pays a few
	 * seconds of start-up). Workflows are objects with an `id`.
	 * @param {Array<Record<string, any>>} workflows
	 */
	async importWorkflows(workflows) {
		const dir = path.join(this.userFolder, 'import', 'workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) {
			if (!workflow.id) throw new Error(`workflow "${workflow.name}" has no id`);
			fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		}
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/**
	 * `n8n execute --id=… --rawOutput`: a manual run from the workflow's trigger.
	 * @param {string} workflowId
	 * @param {{ onSpawn?: (child: import('child_process').ChildProcess) => void }} [options]
	 * @returns {Promise<RunResult>}
	 */
	async execute(workflowId, options = {}) {
		const { code, stdout, stderr } = await this.cli(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			{ allowFailure: true, onSpawn: options.onSpawn },
		);
		// --rawOutput still prints log lines around the pretty-printed JSON document: before it, and
		// on a busy machine also after it ("Registered runner "JS Task Runner"" comes whenever the
		// task runner is up). The document is the lines from "{" to the first "}" at column 0.
		const lines = stdout.split('\n');
		const start = lines.findIndex((line) => line === '{');
		const end = lines.findIndex((line, index) => index > start && line === '}');
		if (code !== 0 || start < 0 || end < 0) {
			throw new Error(
				`n8n execute --id=${workflowId} failed (exit ${code})\n--- stdout (tail)\n${stdout.slice(-6000)}\n--- stderr (tail)\n${stderr.slice(-3000)}`,
			);
		}
		const raw = JSON.parse(lines.slice(start, end + 1).join('\n'));
		return { status: raw.status, output: nodeOutputs(raw), raw };
	}

	/**
	 * Starts `n8n start` and waits until the editor answers. Output goes to `logFile`.
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async start(options = {}) {
		if (!this.port) this.port = await freePort();
		if (!(await isPortFree(this.port))) {
			throw new Error(
				`Port ${this.port} is already in use. Stop whatever listens there (another n8n?) and try again.`,
			);
		}
		const brokerPort = await freePort();
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		const logFd = fs.openSync(this.logFile, 'a');
		// A process group of its own: stop() ends n8n and its task runner together, and a Ctrl-C
		// in the terminal reaches only the launcher, which then stops n8n in order.
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nMain, 'start'], {
			cwd: this.userFolder,
			env: this.env(brokerPort),
			stdio: ['ignore', logFd, logFd],
			detached: true,
		});
		fs.closeSync(logFd);
		this.process = child;
		/** @type {number | null | undefined} */
		let exitCode;
		child.once('exit', (exitStatus) => {
			exitCode = exitStatus;
		});
		const deadline = Date.now() + (options.timeoutMs ?? 120_000);
		for (;;) {
			if (exitCode !== undefined) {
				throw new Error(
					`n8n exited (code ${exitCode}) while starting:\n${this.readLog().slice(-4000)}`,
				);
			}
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (response.ok) break;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(`n8n did not become ready in time:\n${this.readLog().slice(-4000)}`);
			}
			await sleep(250);
		}
		// Readiness comes with the HTTP server; the editor's settings say whether setup is done.
		await this.waitFor(async () => (await fetch(`${this.baseUrl}/rest/settings`)).ok, 30_000);
	}

	/** n8n's output since this launcher opened the log. */
	readLog() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/**
	 * @param {() => Promise<boolean>} check
	 * @param {number} timeoutMs
	 */
	async waitFor(check, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				if (await check()) return;
			} catch {
				// Retried until the deadline.
			}
			if (Date.now() > deadline) throw new Error('timed out waiting for n8n');
			await sleep(250);
		}
	}

	/** Stops the started n8n (SIGTERM to its group, then SIGKILL if it lingers). */
	async stop() {
		const child = this.process;
		this.process = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		const pid = child.pid;
		signalGroup(pid, 'SIGTERM');
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const timeout = new Promise((resolve) => {
			timer = setTimeout(() => resolve('timeout'), 20_000);
		});
		const outcome = await Promise.race([exited, timeout]);
		clearTimeout(timer);
		if (outcome === 'timeout') {
			signalGroup(pid, 'SIGKILL');
			await exited;
		}
		// The task runner lives in the same group and may outlast n8n by a moment.
		signalGroup(pid, 'SIGKILL');
	}

	/**
	 * Calls the editor's REST API with the owner's session.
	 * @param {string} method
	 * @param {string} urlPath path under /rest, e.g. `/workflows/abc`
	 * @param {unknown} [body]
	 * @returns {Promise<any>} the `data` of n8n's `{ data }` envelope
	 */
	async rest(method, urlPath, body) {
		const response = await fetch(`${this.baseUrl}/rest${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(
				`${method} /rest${urlPath} answered ${response.status}: ${text.slice(0, 2000)}`,
			);
		}
		const setCookie = response.headers.get('set-cookie');
		const match = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (match) this.cookie = match[0];
		const parsed = text ? JSON.parse(text) : {};
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/**
	 * The node and credential types the editor received from this n8n (`/types/*.json`, which
	 * only a signed-in user may read): what n8n actually loaded, package nodes included.
	 * @returns {Promise<{ nodes: Array<Record<string, any>>, credentials: Array<Record<string, any>> }>}
	 */
	async loadedTypes() {
		/** @param {string} file */
		const get = async (file) => {
			const response = await fetch(`${this.baseUrl}/types/${file}`, {
				headers: { 'browser-id': BROWSER_ID, ...(this.cookie ? { cookie: this.cookie } : {}) },
			});
			if (!response.ok) throw new Error(`GET /types/${file} answered ${response.status}`);
			return /** @type {Array<Record<string, any>>} */ (await response.json());
		};
		return { nodes: await get('nodes.json'), credentials: await get('credentials.json') };
	}

	/**
	 * Creates the owner account on a fresh instance, or signs in on one set up before, so the
	 * editor opens on a sign-in form with a known login instead of a sign-up wall.
	 * `signedIn` is false when the owner exists but its password was changed in the editor.
	 * @returns {Promise<{ email: string, password: string, created: boolean, signedIn: boolean }>}
	 */
	async ensureOwner() {
		const settings = await this.rest('GET', '/settings');
		const created = Boolean(settings?.userManagement?.showSetupOnFirstLoad);
		let signedIn = true;
		if (created) {
			await this.rest('POST', '/owner/setup', this.owner);
		} else {
			try {
				await this.rest('POST', '/login', {
					emailOrLdapLoginId: this.owner.email,
					password: this.owner.password,
				});
			} catch (error) {
				if (!/answered 401/.test(String(error))) throw error;
				signedIn = false;
			}
		}
		return { email: this.owner.email, password: this.owner.password, created, signedIn };
	}

	/**
	 * Publishes (activates) a workflow the way the editor's Publish button does, so its webhooks
	 * and schedules go live.
	 * @param {string} workflowId
	 */
	async activate(workflowId) {
		const workflow = await this.rest('GET', `/workflows/${workflowId}`);
		if (!(workflow.active && workflow.activeVersionId === workflow.versionId)) {
			await this.rest('POST', `/workflows/${workflowId}/activate`, {
				versionId: workflow.versionId,
			});
		}
		// n8n 2.x publishes through an outbox: the webhooks go live a moment after the call
		// returns, and a request before then gets a 404 "webhook is not registered".
		const deadline = Date.now() + 30_000;
		for (;;) {
			const status = await this.rest('GET', `/workflows/${workflowId}/publication-status`);
			if (status.status === 'published' && status.liveVersionId === workflow.versionId) return;
			if (status.status === 'failed' || status.status === 'partial') {
				const errors = (status.triggers ?? [])
					.map((/** @type {any} */ trigger) => trigger.errorMessage)
					.filter(Boolean);
				throw new Error(`n8n could not publish workflow ${workflowId}: ${errors.join('; ')}`);
			}
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId} was not published in time (${JSON.stringify(status)})`,
				);
			}
			await sleep(200);
		}
	}

	/**
	 * The editor's "Test" on a stored credential (POST /rest/credentials/test).
	 * @param {CredentialImport} credential
	 * @returns {Promise<{ status: string, message: string }>}
	 */
	async testCredential(credential) {
		return await this.rest('POST', '/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: credential.type,
				data: credential.data,
			},
		});
	}

	/**
	 * Calls a production webhook of an active workflow.
	 * @param {string} webhookPath
	 * @param {unknown} body
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async callWebhook(webhookPath, body) {
		const response = await fetch(`${this.baseUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed };
	}

	/**
	 * A manual run started the way the editor's "Execute workflow" button starts it, from the
	 * named trigger: a polling trigger such as the Walmart Marketplace Trigger then fetches its
	 * test event. `n8n execute` cannot do this (it starts only from a Manual Trigger). Waits for
	 * the execution to end and reads its run data.
	 * @param {string} workflowId
	 * @param {string} triggerName
	 * @param {number} [timeoutMs]
	 * @returns {Promise<RunResult>}
	 */
	async runManually(workflowId, triggerName, timeoutMs = 60_000) {
		const started = await this.rest('POST', `/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		const executionId = started?.executionId;
		if (!executionId) {
			throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
		}
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest('GET', `/executions/${executionId}`);
			if (execution?.finished || ['success', 'error', 'crashed'].includes(execution?.status)) {
				const raw = { status: execution.status, data: unflatten(execution.data) };
				return { status: raw.status, output: nodeOutputs(raw), raw };
			}
			if (Date.now() > deadline) {
				throw new Error(`execution ${executionId} did not finish in time (${execution?.status})`);
			}
			await sleep(250);
		}
	}

	/**
	 * The latest executions of a workflow, with their run data, as the editor lists them.
	 * @param {string} workflowId
	 */
	async lastExecution(workflowId) {
		const list = await this.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`,
		);
		const [summary] = list.results ?? [];
		if (!summary) return undefined;
		const full = await this.rest('GET', `/executions/${summary.id}`);
		return full;
	}
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

/**
 * n8n's REST API sends run data in the `flatted` form (circular-safe JSON): an array whose first
 * entry is the root and where every string inside an object or array is the index of its value.
 * @param {unknown} data
 * @returns {any}
 */
function unflatten(data) {
	if (typeof data !== 'string') return data;
	const input = /** @type {unknown[]} */ (JSON.parse(data));
	/** @type {Map<number, unknown>} */
	const revived = new Map();
	/** @param {number} index @returns {unknown} */
	const revive = (index) => {
		if (revived.has(index)) return revived.get(index);
		const value = input[index];
		if (typeof value !== 'object' || value === null) {
			revived.set(index, value);
			return value;
		}
		/** @type {Record<string, unknown> | unknown[]} */
		const out = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value)) {
			/** @type {Record<string, unknown>} */ (out)[key] =
				typeof entry === 'string' ? revive(Number(entry)) : entry;
		}
		return out;
	};
	return revive(0);
}

/**
 * The first main output of each node's last run, from an execution record as `n8n execute`
 * prints it.
 * @param {any} raw
 * @returns {Record<string, Array<{ json: Record<string, any> }>>}
 */
function nodeOutputs(raw) {
	/** @type {Record<string, Array<{ json: Record<string, any> }>>} */
	const output = {};
	const runData = raw?.data?.resultData?.runData ?? {};
	for (const [nodeName, runs] of Object.entries(runData)) {
		const last = /** @type {any[]} */ (runs)[/** @type {any[]} */ (runs).length - 1];
		output[nodeName] = last?.data?.main?.[0] ?? [];
	}
	return output;
}

/**
 * The credential that points the package at a running emulator.
 * @param {{ baseUrl: string, clientId: string, clientSecret: string }} emulator
 * @returns {CredentialImport}
 */
function emulatorCredential(emulator) {
	return {
		id: EMULATOR_CREDENTIAL.id,
		name: EMULATOR_CREDENTIAL.name,
		type: 'walmartMarketplaceApi',
		data: {
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			environment: 'custom',
			customBaseUrl: emulator.baseUrl,
			market: 'us',
			channelType: '',
		},
	};
}

/** The ID and name the example workflows reference. */
const EMULATOR_CREDENTIAL = {
	id: 'walmartEmulator1',
	name: 'Walmart Marketplace API (emulator)',
};

/**
 * The example workflows in `examples/`, as objects.
 * @returns {Array<Record<string, any>>}
 */
function loadExamples() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
}

module.exports = {
	N8n,
	PACKAGE_NAME,
	DEFAULT_OWNER,
	EMULATOR_CREDENTIAL,
	packProject,
	emulatorCredential,
	loadExamples,
	nodeOutputs,
	unflatten,
	freePort,
	isPortFree,
};
