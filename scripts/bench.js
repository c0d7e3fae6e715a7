// @ts-check
/**
 * Prints figures, asserts nothing. Runs Return All side by side against the emulator (in its own
 * process, so its memory is not counted) with injected latency per request:
 *   (a) node  — this package's node on n8n's real engine (n8n-core), default options;
 *   (b) client — a hand-written axios client: token cached, page size 200, cursor appended.
 * (c), the HTTP Request flow sellers build by hand in real n8n, is not measured yet.
 * One JSON line per measurement; each measurement 3 times, subjects interleaved; the table goes
 * to bench/RESULTS.md. `npm run bench` builds first.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const axios = require('axios').default;
const { createEngine } = require('../test/helpers/engine');

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ORDER_COUNT = Number(process.env.BENCH_ORDERS ?? 60000);
const RETURN_COUNT = Number(process.env.BENCH_RETURNS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THROTTLE = { capacity: 10, refillPerSecond: 10 };
const DAY_MS = 86_400_000;

/** @param {number} epochMs */
const seconds = (epochMs) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

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
 * @param {() => Promise<{ orders: number, failed: boolean }>} run
 */
async function measure(run) {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	const started = process.hrtime.bigint();
	let outcome;
	try {
		outcome = await run();
	} catch (error) {
		outcome = { orders: 0, failed: true, error: String(error).slice(0, 200) };
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { ...outcome, ms: Math.round(ms), rssMb: Math.round((peak - before) / 1048576) };
}

/**
 * @param {Awaited<ReturnType<typeof startEmulatorProcess>>} emu
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
	let url = `${emu.baseUrl}${listPath}?limit=200&${query}`;
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
				await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
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

async function main() {
	const emu = await startEmulatorProcess();
	const engine = await createEngine(emu);
	/** @type {any[]} */
	const seller = (await emu.control.get('/orders')).data
		.filter((/** @type {any} */ order) => order.shipNode.type === 'SellerFulfilled')
		.map((/** @type {any} */ order) => order.orderDate)
		.sort((/** @type {number} */ a, /** @type {number} */ b) => b - a);
	const now = Date.now();
	// A start second that lets exactly 10,000 seller-fulfilled orders through.
	const start10k = Math.floor(seller[9999] / 1000) * 1000;
	const since180 = seconds(now - 179 * DAY_MS);
	const returnsSince = seconds(now - 179 * DAY_MS);

	/** @type {Array<{ scenario: string, subject: string, setup?: () => Promise<void>, run: () => Promise<{ orders: number, failed: boolean }> }>} */
	const plan = [];
	/** @param {string} scenario @param {Record<string, unknown>} parameters @param {string} listPath @param {string} query @param {(body: any) => any} pageOf @param {() => Promise<void>} [setup] */
	const pair = (scenario, parameters, listPath, query, pageOf, setup) => {
		plan.push({
			scenario,
			subject: 'a: node (n8n engine)',
			setup,
			run: async () => {
				const result = await engine.runNode(parameters);
				return { orders: result.items.length, failed: Boolean(result.error) };
			},
		});
		plan.push({
			scenario,
			subject: 'b: hand-written client',
			setup,
			run: async () => ({
				orders: await handWritten(emu, listPath, query, pageOf),
				failed: false,
			}),
		});
	};
	const generous = async () => void (await emu.throttle({ capacity: 1000, refillPerSecond: 1000 }));
	const tight = async () => void (await emu.throttle({ endpoints: { getAllOrders: THROTTLE } }));
	const orders10k = {
		resource: 'order',
		operation: 'getAll',
		returnAll: true,
		filters: { createdStartDate: seconds(start10k) },
		simplify: false,
	};
	pair(
		'Return All, 10,000 orders',
		orders10k,
		'/v3/orders',
		`createdStartDate=${seconds(start10k)}`,
		orderPage,
		generous,
	);
	pair(
		`Return All, ${seller.length} orders over 180 days`,
		{ ...orders10k, filters: { createdStartDate: since180 } },
		'/v3/orders',
		`createdStartDate=${since180}`,
		orderPage,
		generous,
	);
	pair(
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
		returnPage,
		generous,
	);
	pair(
		`Return All, 10,000 orders, throttle ${THROTTLE.capacity} + ${THROTTLE.refillPerSecond}/s`,
		orders10k,
		'/v3/orders',
		`createdStartDate=${seconds(start10k)}`,
		orderPage,
		tight,
	);

	/** @type {any[]} */
	const rows = [];
	try {
		for (let round = 0; round < RUNS; round++) {
			for (const entry of plan) {
				await entry.setup?.();
				// Each subject starts with a full bucket, as after a quiet minute.
				if (entry.setup === tight) await new Promise((resolve) => setTimeout(resolve, 1200));
				await emu.clearRequests();
				const figures = await measure(entry.run);
				const log = await emu.requests();
				const calls = log.filter((request) => request.path !== '/v3/token').length;
				const row = {
					scenario: entry.scenario,
					subject: entry.subject,
					orders: figures.orders,
					calls,
					ms: figures.ms,
					rssMb: figures.rssMb,
					failed: figures.failed,
				};
				if (entry.setup === tight) {
					const throttled = log.filter((request) => request.status === 429).length;
					const floorMs = Math.max(
						0,
						((calls - throttled - THROTTLE.capacity) / THROTTLE.refillPerSecond) * 1000,
					);
					Object.assign(row, { throttled, floorMs: Math.round(floorMs) });
				}
				rows.push(row);
				console.log(JSON.stringify(row));
			}
		}
	} finally {
		emu.child.kill();
	}
	writeResults(rows, seller.length);
}

/** @param {any[]} rows @param {number} sellerOrders */
function writeResults(rows, sellerOrders) {
	/** @type {Map<string, any[]>} */
	const groups = new Map();
	for (const row of rows) {
		const key = `${row.scenario}\u0000${row.subject}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	const median = (/** @type {number[]} */ values) =>
		[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const lines = [
		'# Benchmark results',
		'',
		`Run ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${process.platform}/${process.arch}, Node ${process.version}: emulator with ${ORDER_COUNT} seeded orders (${sellerOrders} seller-fulfilled), ${RETURN_COUNT} returns and ${LATENCY_MS} ms injected latency per request, in its own process. Each figure is the median of ${RUNS} runs, subjects interleaved; "calls" excludes the token call; RSS is the growth of the benchmark process (engine or client) during the run.`,
		'',
		'| Scenario | Subject | Orders | Calls | ms (median) | ms (runs) | Peak RSS growth MB | Failed |',
		'| --- | --- | ---: | ---: | ---: | --- | ---: | --- |',
	];
	for (const group of groups.values()) {
		const [first] = group;
		const floor =
			first.floorMs === undefined
				? ''
				: ` (throttle floor ${first.floorMs} ms, ${group.map((row) => row.throttled).join('/')} × 429)`;
		lines.push(
			`| ${first.scenario}${floor} | ${first.subject} | ${group.map((row) => row.orders).join('/')} | ${median(group.map((row) => row.calls))} | ${median(group.map((row) => row.ms))} | ${group.map((row) => row.ms).join(', ')} | ${median(group.map((row) => row.rssMb))} | ${group.filter((row) => row.failed).length}/${group.length} |`,
		);
	}
	lines.push(
		'',
		'(c), the HTTP Request flow sellers build by hand in real n8n, is not measured yet.',
		'',
	);
	const file = path.join(__dirname, '..', 'bench', 'RESULTS.md');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, lines.join('\n'));
	console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
