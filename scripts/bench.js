// @ts-check
/**
 * Prints figures, asserts nothing. Runs Return All side by side against the emulator (in its own
 * process, so its memory is not counted) with injected latency per request:
 *   (a) node  — this package's node on n8n's real engine (n8n-core), default options;
 *   (b) client — a hand-written axios client: token cached, page size 200, cursor appended;
 *   (c) HTTP Request — the flow sellers build by hand (bench/http-request-flow*.json: token, then
 *       n8n's own pagination on nextCursor), run by the real n8n of .runtime with `n8n execute`.
 *       Skipped, with the reason, when that runtime is not installed (`npm run runtime`).
 * One JSON line per measurement; each measurement 3 times, subjects interleaved; the table goes
 * to bench/RESULTS.md. `npm run bench` builds first. BENCH_SCENARIOS=orders10k,orders180,returns,
 * throttle picks scenarios; BENCH_RUNS, BENCH_LATENCY_MS, BENCH_ORDERS, BENCH_RETURNS as named.
 */
const { fork, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios').default;
const { isRuntimeReady, runtimePaths } = require('./lib/runtime');

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ORDER_COUNT = Number(process.env.BENCH_ORDERS ?? 60000);
const RETURN_COUNT = Number(process.env.BENCH_RETURNS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'orders10k,orders180,returns,throttle').split(
	',',
);
const THROTTLE = { capacity: 10, refillPerSecond: 10 };
const DAY_MS = 86_400_000;
const PAGE_SIZE = 200;
const MB = 1048576;
const BENCH_DIR = path.join(__dirname, '..', 'bench');

/** @param {number} epochMs */
const seconds = (epochMs) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const load = () => Math.round(os.loadavg()[0] * 100) / 100;
/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startEmulatorProcess() {
	const child = spawn(
		process.execPath,
		[
			path.join(__dirname, '..', 'emulator', 'cli.js'),
			'--port',
			'0',
			'--orders',
			String(ORDER_COUNT),
			'--returns',
			String(RETURN_COUNT),
			'--latency',
			String(LATENCY_MS),
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const baseUrl = await new Promise((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			const match = /Base URL: (\S+)/.exec(output);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited ${code}: ${output}`)));
	});
	const control = axios.create({ baseURL: `${baseUrl}/_emulator` });
	return {
		child,
		baseUrl,
		clientId: 'emulator-client-id',
		clientSecret: 'emulator-client-secret',
		control,
		/** @returns {Promise<any[]>} */
		requests: async () => (await control.get('/requests')).data,
		clearRequests: async () => await control.delete('/requests'),
		/** @param {unknown} config */
		throttle: async (config) => await control.post('/throttle', config),
	};
}

/**
 * @typedef {{ orders: number, failed: boolean, error?: string, jsonBytes?: number }} Outcome
 * @typedef {Outcome & { ms: number, rssMb: number | null, heldMb?: number }} Figures
 */

/**
 * Runs one measurement in this (fresh) process: wall time, and the peak RSS growth over the RSS
 * after a full garbage collection (measuring processes start with --expose-gc).
 * @param {() => Promise<Outcome & { items?: unknown[] }>} run
 * @returns {Promise<Figures>}
 */
async function measure(run) {
	global.gc?.();
	const { rss: before, heapUsed: heapBefore } = process.memoryUsage();
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	const started = process.hrtime.bigint();
	/** @type {Outcome & { items?: unknown[] }} */
	let outcome;
	try {
		outcome = await run();
	} catch (error) {
		// Walmart's own description says why (the cap error names the limit); the client error alone
		// says only "400".
		const body = /** @type {any} */ (error)?.response?.data;
		const detail = body?.errors?.error?.[0];
		const walmart = detail ? `: ${detail.code}: ${detail.description}` : '';
		outcome = { orders: 0, failed: true, error: `${String(error)}${walmart}`.slice(0, 400) };
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const { items, ...rest } = outcome;
	// Measured after the clock stopped. The heap still holding the results after a full collection
	// tells what the results themselves take, apart from garbage and pages in flight at the peak.
	global.gc?.();
	const heldMb = items ? Math.round((process.memoryUsage().heapUsed - heapBefore) / MB) : undefined;
	// The bytes of the results as JSON: what the memory target of issue 11 compares with.
	const jsonBytes = items ? Buffer.byteLength(JSON.stringify(items)) : undefined;
	return {
		...rest,
		jsonBytes,
		heldMb,
		ms: Math.round(ms),
		rssMb: Math.round((peak - before) / MB),
	};
}

/**
 * @param {EmulatorAccess} emu
 * @param {string} listPath
 * @param {string} query
 * @param {(body: any) => { items: any[], cursor?: string }} pageOf
 */
async function handWritten(emu, listPath, query, pageOf) {
	const token = await axios.post(`${emu.baseUrl}/v3/token`, 'grant_type=client_credentials', {
		auth: { username: emu.clientId, password: emu.clientSecret },
		headers: { Accept: 'application/json', 'WM_SVC.NAME': 'bench', 'WM_QOS.CORRELATION_ID': 'b0' },
	});
	const headers = {
		Accept: 'application/json',
		'WM_SVC.NAME': 'bench',
		'WM_SEC.ACCESS_TOKEN': token.data.access_token,
	};
	let url = `${emu.baseUrl}${listPath}?limit=${PAGE_SIZE}&${query}`;
	let count = 0;
	for (let page = 0; ; page++) {
		let response;
		for (let attempt = 0; ; attempt++) {
			try {
				response = await axios.get(url, {
					headers: { ...headers, 'WM_QOS.CORRELATION_ID': `b${page + 1}-${attempt}` },
				});
				break;
			} catch (caught) {
				const error =
					/** @type {{ response?: { status: number, headers: Record<string, string> } }} */ (
						caught
					);
				if (error.response?.status !== 429 || attempt >= 5) throw caught;
				const at = Number(error.response.headers['x-next-replenishment-time']);
				await sleep(Math.max(0, at - Date.now()));
			}
		}
		const { items, cursor } = pageOf(response.data);
		count += items.length;
		if (!cursor) break;
		url = `${emu.baseUrl}${listPath}${cursor}`;
	}
	return count;
}

const orderPage = (/** @type {any} */ body) => ({
	items: body.list.elements.order,
	cursor: body.list.meta.nextCursor,
});
const returnPage = (/** @type {any} */ body) => ({
	items: body.returnOrders,
	cursor: body.meta.nextCursor,
});

/**
 * Subject (c): the hand-built HTTP Request flows in the real n8n of .runtime, one user folder for
 * the whole run. Undefined, with the reason printed, when the runtime is not installed: the
 * benchmark never installs it.
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu
 * @param {Record<string, { file: string, startParam: string, start: string }>} variants
 */
async function prepareHttpRequestFlows(emu, variants) {
	if (!isRuntimeReady()) {
		console.log(
			`(c) skipped: no n8n runtime in ${runtimePaths().runtimeDir}; \`npm run runtime\` installs it (about 12 minutes, once), or set WALMART_N8N_RUNTIME_DIR to an installed one.`,
		);
		return undefined;
	}
	const { N8n } = require('./lib/n8n');
	const n8n = new N8n({ userFolder: path.join(os.tmpdir(), 'walmart-bench-n8n') });
	n8n.resetUserFolder();
	/** @type {Array<Record<string, any>>} */
	const workflows = [];
	for (const [id, variant] of Object.entries(variants)) {
		const workflow = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, variant.file), 'utf8'));
		const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
		/** @type {Record<string, string>} */
		const values = {
			baseUrl: emu.baseUrl,
			clientId: emu.clientId,
			clientSecret: emu.clientSecret,
			[variant.startParam]: variant.start,
		};
		for (const assignment of settings.parameters.assignments.assignments) {
			if (assignment.name in values) assignment.value = values[assignment.name];
		}
		workflows.push({ ...workflow, id, name: `${workflow.name} (${id})` });
	}
	const started = Date.now();
	await n8n.importWorkflows(workflows);
	console.log(`(c) n8n ${runtimePaths().n8nVersion} ready in ${Date.now() - started} ms`);
	return n8n;
}

/** @param {number} pid */
function rssOf(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One run of an HTTP Request flow. The time is the run data's, from the token node's start to
 * the end of the paginated node (n8n's start-up and printing the run are not the flow's work);
 * memory is the n8n process's peak RSS in that span over its RSS just before it (Linux /proc;
 * null elsewhere).
 * @param {import('./lib/n8n').N8n} n8n
 * @param {string} workflowId
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu
 * @returns {Promise<Figures>}
 */
async function runHttpRequestFlow(n8n, workflowId, emu) {
	/** @type {Array<[number, number]>} */
	const samples = [];
	/** @type {NodeJS.Timeout | undefined} */
	let sampler;
	/** @param {import('child_process').ChildProcess} child */
	const onSpawn = (child) => {
		sampler = setInterval(() => {
			const rss = child.pid === undefined ? undefined : rssOf(child.pid);
			if (rss !== undefined) samples.push([Date.now(), rss]);
		}, 20);
	};
	/** @type {import('./lib/n8n').RunResult | undefined} */
	let result;
	let error = '';
	try {
		result = await n8n.execute(workflowId, { onSpawn });
	} catch (caught) {
		error = String(caught);
	} finally {
		clearInterval(sampler);
	}
	const log = await emu.requests();
	const firstRequest = log.find((request) => request.path === '/v3/token')?.time;
	if (!result) {
		// The document n8n prints on failure is not JSON; its message is on the lines that follow
		// "Execution error:".
		const message = /Execution error:\n=+\n([^\n]+(?:\n[^\n]+)?)/.exec(error)?.[1] ?? error;
		const walmart = log.find((request) => request.status >= 400);
		return {
			orders: 0,
			failed: true,
			error: `${message.replace(/\s+/g, ' ').slice(0, 300)}${walmart?.outcome?.error ? ` (${walmart.outcome.error})` : ''}`,
			ms: 0,
			rssMb: null,
		};
	}
	const runData = result.raw?.data?.resultData?.runData ?? {};
	const token = runData['Get token']?.[0];
	const pages = runData['Get pages']?.[0];
	const ms = token && pages ? pages.startTime + pages.executionTime - token.startTime : 0;
	const spanEnd = token && pages ? pages.startTime + pages.executionTime : Date.now();
	const before = samples
		.filter(([time]) => firstRequest !== undefined && time <= firstRequest)
		.pop();
	const during = samples.filter(
		([time]) => firstRequest !== undefined && time > firstRequest && time <= spanEnd,
	);
	const rssMb =
		before && during.length > 0
			? Math.round((Math.max(...during.map(([, rss]) => rss)) - before[1]) / MB)
			: null;
	const count = result.output.Count?.[0]?.json;
	if (result.status !== 'success') {
		const message = result.raw?.data?.resultData?.error?.message ?? result.status;
		return { orders: 0, failed: true, error: String(message), ms: Math.round(ms), rssMb };
	}
	// n8n's pagination does not check the status of the first answer when the completion test
	// already says "done": Walmart's error body then comes out as a page, and the run succeeds.
	const refused = (pages?.data?.main?.[0] ?? []).find(
		(/** @type {any} */ item) => item.json?.errors !== undefined,
	);
	if (refused) {
		const detail = refused.json.errors?.error?.[0] ?? {};
		return {
			orders: 0,
			failed: true,
			error: `n8n reported success, but the page it output is Walmart's error: ${detail.code ?? ''}: ${detail.description ?? JSON.stringify(refused.json).slice(0, 200)}`,
			ms: Math.round(ms),
			rssMb,
		};
	}
	return { orders: Number(count?.orders ?? 0), failed: false, ms: Math.round(ms), rssMb };
}

/**
 * @typedef {{ baseUrl: string, clientId: string, clientSecret: string }} EmulatorAccess
 * @typedef {{ subject: 'a', emu: EmulatorAccess, parameters: Record<string, unknown> }
 *   | { subject: 'b', emu: EmulatorAccess, listPath: string, query: string, pages: 'orders' | 'returns' }} Job
 */

/**
 * Each (a) and (b) run gets a fresh process, so that its memory figure is not hidden by a heap an
 * earlier run (or the benchmark's own setup) already grew.
 * @param {Job} job
 * @returns {Promise<Figures>}
 */
async function measureInChild(job) {
	const child = fork(__filename, ['--measure'], { execArgv: ['--expose-gc'] });
	return await new Promise((resolve, reject) => {
		child.once('message', (figures) => resolve(/** @type {Figures} */ (figures)));
		child.once('exit', (code) => reject(new Error(`measuring process exited ${code}`)));
		child.once('error', reject);
		child.send(job);
	});
}

/** @param {Job} job */
async function runJob(job) {
	if (job.subject === 'a') {
		// Loaded here: the (b) processes and the coordinator have no use for n8n-core.
		const { createEngine } = require('../test/helpers/engine');
		const engine = await createEngine(job.emu);
		return await measure(async () => {
			const result = await engine.runNode(job.parameters);
			return {
				orders: result.items.length,
				failed: Boolean(result.error),
				...(result.error ? { error: String(result.error.message ?? result.error) } : {}),
				items: result.items.map((/** @type {any} */ item) => item.json),
			};
		});
	}
	const emu = job.emu;
	return await measure(async () => ({
		orders: await handWritten(
			emu,
			job.listPath,
			job.query,
			job.pages === 'orders' ? orderPage : returnPage,
		),
		failed: false,
	}));
}

async function main() {
	if (load() > 1.5) {
		console.log(
			`machine load ${load()}: figures will be slower and noisier than on a quiet machine`,
		);
	}
	const emu = await startEmulatorProcess();
	const emuAccess = {
		baseUrl: emu.baseUrl,
		clientId: emu.clientId,
		clientSecret: emu.clientSecret,
	};
	/** @type {any[]} */
	const seller = (await emu.control.get('/orders')).data
		.filter((/** @type {any} */ order) => order.shipNode.type === 'SellerFulfilled')
		.map((/** @type {any} */ order) => order.orderDate)
		.sort((/** @type {number} */ a, /** @type {number} */ b) => b - a);
	const now = Date.now();
	// A start second that lets exactly 10,000 seller-fulfilled orders through.
	const start10k = seconds(Math.floor(seller[9999] / 1000) * 1000);
	const since180 = seconds(now - 179 * DAY_MS);
	const returnsSince = seconds(now - 179 * DAY_MS);

	const n8n = await prepareHttpRequestFlows(emu, {
		benchHttpOrders10k: {
			file: 'http-request-flow.json',
			startParam: 'createdStartDate',
			start: start10k,
		},
		benchHttpOrders180: {
			file: 'http-request-flow.json',
			startParam: 'createdStartDate',
			start: since180,
		},
		benchHttpReturns: {
			file: 'http-request-flow-returns.json',
			startParam: 'returnCreationStartDate',
			start: returnsSince,
		},
	});

	/** @typedef {{ scenario: string, key: string, subject: string, setup?: () => Promise<void>, run: () => Promise<Figures> }} Entry */
	/** @type {Entry[]} */
	const plan = [];
	/**
	 * @param {string} key
	 * @param {string} scenario
	 * @param {Record<string, unknown>} parameters
	 * @param {string} listPath
	 * @param {string} query
	 * @param {'orders' | 'returns'} pages
	 * @param {string} flowId
	 * @param {() => Promise<void>} setup
	 */
	const subjects = (key, scenario, parameters, listPath, query, pages, flowId, setup) => {
		if (!SCENARIOS.includes(key)) return;
		plan.push({
			scenario,
			key,
			subject: 'a: node (n8n engine)',
			setup,
			run: async () => await measureInChild({ subject: 'a', emu: emuAccess, parameters }),
		});
		plan.push({
			scenario,
			key,
			subject: 'b: hand-written client',
			setup,
			run: async () =>
				await measureInChild({ subject: 'b', emu: emuAccess, listPath, query, pages }),
		});
		if (n8n) {
			plan.push({
				scenario,
				key,
				subject: 'c: HTTP Request flow (n8n)',
				setup,
				run: async () => await runHttpRequestFlow(n8n, flowId, emu),
			});
		}
	};
	const generous = async () => void (await emu.throttle({ capacity: 1000, refillPerSecond: 1000 }));
	const tight = async () => {
		await emu.throttle({ endpoints: { getAllOrders: THROTTLE } });
		// Each subject starts with a full bucket, as after a quiet minute.
		await sleep(1200);
	};
	const orders10k = {
		resource: 'order',
		operation: 'getAll',
		returnAll: true,
		filters: { createdStartDate: start10k },
		simplify: false,
	};
	const query10k = `createdStartDate=${start10k}`;
	subjects(
		'orders10k',
		'Return All, 10,000 orders',
		orders10k,
		'/v3/orders',
		query10k,
		'orders',
		'benchHttpOrders10k',
		generous,
	);
	subjects(
		'orders180',
		`Return All, ${seller.length} orders over 180 days`,
		{ ...orders10k, filters: { createdStartDate: since180 } },
		'/v3/orders',
		`createdStartDate=${since180}`,
		'orders',
		'benchHttpOrders180',
		generous,
	);
	subjects(
		'returns',
		`Return Get Many, ${RETURN_COUNT} returns`,
		{
			resource: 'return',
			operation: 'getAll',
			returnAll: true,
			filters: { returnCreationStartDate: returnsSince },
			simplify: false,
		},
		'/v3/returns',
		`returnCreationStartDate=${returnsSince}`,
		'returns',
		'benchHttpReturns',
		generous,
	);
	subjects(
		'throttle',
		`Return All, 10,000 orders, throttle ${THROTTLE.capacity} + ${THROTTLE.refillPerSecond}/s`,
		orders10k,
		'/v3/orders',
		query10k,
		'orders',
		'benchHttpOrders10k',
		tight,
	);

	/** @type {any[]} */
	const rows = [];
	try {
		for (let round = 0; round < RUNS; round++) {
			for (const entry of plan) {
				await entry.setup?.();
				await emu.clearRequests();
				const loadBefore = load();
				const figures = await entry.run();
				const log = await emu.requests();
				const listCalls = log.filter((request) => request.path !== '/v3/token');
				const calls = listCalls.length;
				/** @type {Record<string, unknown>} */
				const row = {
					scenario: entry.scenario,
					subject: entry.subject,
					orders: figures.orders,
					calls,
					ms: figures.ms,
					rssMb: figures.rssMb,
					failed: figures.failed,
					load: loadBefore,
				};
				if (figures.jsonBytes !== undefined && !figures.failed) {
					row.jsonMb = Math.round((figures.jsonBytes / MB) * 10) / 10;
					row.heldMb = figures.heldMb;
				}
				if (entry.key !== 'returns' && entry.subject.startsWith('a') && !figures.failed) {
					// A window's first request carries no cursor; every other request follows one.
					row.windows = listCalls.filter((request) => !/[?&]poIndex=/.test(request.query)).length;
					row.minCalls = Math.ceil(figures.orders / PAGE_SIZE);
				}
				if (entry.setup === tight) {
					const throttled = log.filter((request) => request.status === 429).length;
					const floorMs = Math.max(
						0,
						((calls - throttled - THROTTLE.capacity) / THROTTLE.refillPerSecond) * 1000,
					);
					Object.assign(row, { throttled, floorMs: Math.round(floorMs) });
				}
				if (figures.error) row.error = figures.error;
				rows.push(row);
				console.log(JSON.stringify(row));
			}
		}
	} finally {
		emu.child.kill();
	}
	writeResults(rows, seller.length, Boolean(n8n));
}

/**
 * @param {any[]} rows
 * @param {number} sellerOrders
 * @param {boolean} withFlows whether subject (c) ran
 */
function writeResults(rows, sellerOrders, withFlows) {
	/** @type {Map<string, any[]>} */
	const groups = new Map();
	for (const row of rows) {
		const key = `${row.scenario}\u0000${row.subject}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	/** @param {number[]} values */
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	/** @param {any[]} group @param {string} field */
	const medianOf = (group, field) => {
		const values = group.map((row) => row[field]).filter((value) => typeof value === 'number');
		return values.length === 0 ? undefined : median(values);
	};
	const lines = [
		'# Benchmark results',
		'',
		`Run ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${process.platform}/${process.arch} (${os.cpus().length} cores), Node ${process.version}: emulator with ${ORDER_COUNT} seeded orders (${sellerOrders} seller-fulfilled), ${RETURN_COUNT} returns and ${LATENCY_MS} ms injected latency per request, in its own process on the same machine. Each figure is the median of ${RUNS} runs, subjects interleaved; "calls" excludes the token call; "load" is the 1-minute load average as each run started.`,
		'',
		'| Scenario | Subject | Orders | Calls | ms (median) | ms (runs) | Load (runs) | Peak RSS growth MB | JSON of the results MB | RSS ÷ JSON | Heap holding the results MB | Failed |',
		'| --- | --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | --- |',
	];
	/** @type {string[]} */
	const notes = [];
	for (const group of groups.values()) {
		const [first] = group;
		const floor =
			first.floorMs === undefined
				? ''
				: ` (throttle floor ${median(group.map((row) => row.floorMs))} ms, ${group.map((row) => row.throttled).join('/')} × 429)`;
		const rss = medianOf(group, 'rssMb');
		const json = medianOf(group, 'jsonMb');
		const windows = medianOf(group, 'windows');
		const minCalls = medianOf(group, 'minCalls');
		const calls = median(group.map((row) => row.calls));
		const callsCell =
			windows === undefined ? String(calls) : `${calls} (min ${minCalls}, ${windows} windows)`;
		lines.push(
			`| ${first.scenario}${floor} | ${first.subject} | ${group.map((row) => row.orders).join('/')} | ${callsCell} | ${median(group.map((row) => row.ms))} | ${group.map((row) => row.ms).join(', ')} | ${group.map((row) => row.load).join(', ')} | ${rss ?? 'n/a'} | ${json ?? ''} | ${rss !== undefined && json ? (rss / json).toFixed(2) : ''} | ${medianOf(group, 'heldMb') ?? ''} | ${group.filter((row) => row.failed).length}/${group.length} |`,
		);
		const failure = group.find((row) => row.error);
		if (failure) notes.push(`- ${first.scenario}, ${first.subject}: ${failure.error}`);
	}
	const pick = (/** @type {string} */ scenario, /** @type {string} */ subject) =>
		[...groups.values()].find(
			(group) => group[0].scenario === scenario && group[0].subject.startsWith(subject),
		);
	const a = pick('Return All, 10,000 orders', 'a');
	const b = pick('Return All, 10,000 orders', 'b');
	lines.push('');
	if (a && b) {
		const aMs = median(a.map((row) => row.ms));
		const bMs = median(b.map((row) => row.ms));
		const windows = medianOf(a, 'windows') ?? 0;
		const extra = median(a.map((row) => row.calls)) - (medianOf(a, 'minCalls') ?? 0);
		lines.push(
			`**10,000 orders at ${LATENCY_MS} ms:** (a) ${aMs} ms against (b) ${bMs} ms, ${(bMs / aMs).toFixed(2)}× faster; ${extra} calls over the minimum in ${windows} windows (${windows > 0 ? (extra / windows).toFixed(2) : 'n/a'} per window; the target is at most 1).`,
			'',
		);
	}
	if (notes.length > 0) lines.push('Failures, as the subject reported them:', '', ...notes, '');
	lines.push(
		'How to read it:',
		'',
		'- (a) and (b) each run in a fresh process; "Peak RSS growth" is its peak resident memory during the run over its RSS after a full garbage collection just before. "JSON of the results" is `JSON.stringify` of the orders or returns the node output (the bytes Walmart sent for them, give or take the page envelopes), measured after the clock stopped. "Heap holding the results" is the JavaScript heap still in use after a full collection at the end of the run, with the results still referenced: the results as objects, without the garbage and the pages in flight that make the peak.',
		withFlows
			? "- (c) is `bench/http-request-flow.json` (returns: `bench/http-request-flow-returns.json`) imported into the real n8n of `.runtime` and run with `n8n execute --id`. Its time is the run data's: from the start of the token node to the end of the paginated node (`startTime` + `executionTime`), so n8n's own start-up, the counting node and the printing of the run are not counted. Its memory is the `n8n execute` process's peak RSS in that span over its RSS just before the token call (sampled every 20 ms from /proc). Calls come from the emulator's request log."
			: '- (c) did not run: the n8n runtime was not installed (see the printed reason).',
		"- (b) and (c) follow one cursor, so they fail on Walmart's 10,000-order cap for the 180-day range, with the emulator's copy of Walmart's cap error. The HTTP Request flow does not wait out a 429: n8n's pagination fails the node on any answer outside 2xx (and Retry On Fail would restart every page); the throttle rows count the 429s each subject met.",
		"- The emulator shares the machine's cores with the subject. Its work per page (filtering the range, rendering 200 orders and serialising about 1 MB of JSON) is paid by every subject; real Walmart does that work on its own servers, so on this machine the concurrent reads of (a) are bounded by the CPU (subject and emulator together) rather than by the latency, and a loaded machine narrows the gap between (a) and (b).",
		"- Memory: n8n keeps every item of an execution in memory (the node's output, and again in the run data it saves), so a Return All is bounded by the memory of the n8n process; the node holds each page once. Beyond a few tens of thousands of orders, split the read by date in the workflow.",
		'',
	);
	const file = path.join(BENCH_DIR, 'RESULTS.md');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, lines.join('\n'));
	console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

if (process.argv[2] === '--measure') {
	process.once('message', (job) => {
		runJob(/** @type {Job} */ (job)).then(
			(figures) => process.send?.(figures, () => process.exit(0)),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
