// @ts-check
/**
 * Prints figures, asserts nothing: Return All over the emulator's orders through n8n's real engine
 * with this package, against a hand-written axios client doing the same paging. Run with
 * `npm run bench` (builds first). Numbers vary with the machine; calls and items do not.
 */
const axios = require('axios').default;
const { startEmulator } = require('../emulator');
const { createEngine } = require('../test/helpers/engine');

const ORDER_COUNT = Number(process.env.BENCH_ORDERS ?? 10000);

/** @param {number} bytes */
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** @param {() => Promise<number>} run */
async function measure(run) {
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = heapBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	const started = process.hrtime.bigint();
	const items = await run();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	return { items, ms, heapGrowth: peak - heapBefore };
}

async function main() {
	const emu = await startEmulator({ port: 0, seed: 42, orderCount: ORDER_COUNT });
	const since = new Date(Date.now() - 179 * 86400_000).toISOString().slice(0, 10);
	try {
		const engine = await createEngine(emu);
		emu.clearRequests();
		const node = await measure(async () => {
			const result = await engine.runNode({
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
				filters: { createdStartDate: since },
				simplify: true,
			});
			if (result.error) throw result.error;
			return result.items.length;
		});
		const nodeCalls = emu.requests.length;
		const nodeTokens = emu.requests.filter((request) => request.path === '/v3/token').length;

		emu.clearRequests();
		const baseline = await measure(async () => {
			const token = await axios.post(`${emu.baseUrl}/v3/token`, 'grant_type=client_credentials', {
				auth: { username: emu.clientId, password: emu.clientSecret },
				headers: {
					Accept: 'application/json',
					'WM_SVC.NAME': 'bench',
					'WM_QOS.CORRELATION_ID': 'bench-0',
				},
			});
			const headers = {
				Accept: 'application/json',
				'WM_SVC.NAME': 'bench',
				'WM_SEC.ACCESS_TOKEN': token.data.access_token,
			};
			let url = `${emu.baseUrl}/v3/orders?limit=200&createdStartDate=${since}`;
			let count = 0;
			for (let page = 0; ; page++) {
				const response = await axios.get(url, {
					headers: { ...headers, 'WM_QOS.CORRELATION_ID': `bench-${page + 1}` },
				});
				count += response.data.list.elements.order.length;
				const cursor = response.data.list.meta.nextCursor;
				if (!cursor) break;
				url = `${emu.baseUrl}/v3/orders${cursor}`;
			}
			return count;
		});
		const baselineCalls = emu.requests.length;

		console.log(
			`Return All over ${ORDER_COUNT} emulator orders (created since ${since}, seller fulfilled)`,
		);
		console.log(
			`node (n8n engine, simplify on): ${node.items} orders, ${nodeCalls} calls (${nodeTokens} token), ${node.ms.toFixed(0)} ms, ${(node.items / (node.ms / 1000)).toFixed(0)} orders/s, heap growth ${mb(node.heapGrowth)}`,
		);
		console.log(
			`axios baseline (raw JSON):      ${baseline.items} orders, ${baselineCalls} calls (1 token), ${baseline.ms.toFixed(0)} ms, ${(baseline.items / (baseline.ms / 1000)).toFixed(0)} orders/s, heap growth ${mb(baseline.heapGrowth)}`,
		);
		console.log(
			`overhead of the node over the baseline: ${(node.ms / baseline.ms).toFixed(2)}x time`,
		);
	} finally {
		await emu.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
