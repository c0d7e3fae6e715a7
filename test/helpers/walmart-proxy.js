// @ts-check
/**
 * A stricter Walmart in front of the emulator: every request is passed on, and a rule may change
 * the answer (mask secrets, use another envelope, answer an error after or instead of applying).
 * The emulator keeps the state; the proxy only changes what the client is told.
 */
const http = require('node:http');

/**
 * @typedef {{ status: number, body: unknown }} Answer
 * @typedef {{
 *   method: string,
 *   path: RegExp,
 *   times?: number,
 *   rewrite: (answer: Answer, requestBody: unknown) => Answer | Promise<Answer>,
 * }} Rule
 */

/** @param {string} upstream the emulator's base URL */
async function startWalmartProxy(upstream) {
	/** @type {Rule[]} */
	const rules = [];
	/** @type {Array<{ method: string, path: string }>} */
	const requests = [];

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const method = req.method ?? 'GET';
			const path = req.url ?? '/';
			requests.push({ method, path });
			/** @type {Record<string, string>} */
			const headers = {};
			for (const [name, value] of Object.entries(req.headers)) {
				if (name === 'host' || name === 'content-length' || value === undefined) continue;
				headers[name] = Array.isArray(value) ? value.join(', ') : value;
			}
			let forwarded;
			let text;
			try {
				forwarded = await fetch(`${upstream}${path}`, {
					method,
					headers,
					body: raw.length > 0 ? raw : undefined,
				});
				text = await forwarded.text();
			} catch {
				// The emulator dropped the connection: so does the proxy.
				req.socket.destroy();
				return;
			}
			/** @type {unknown} */
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON: passed on as text.
			}
			/** @type {Answer} */
			let answer = { status: forwarded.status, body };
			const index = rules.findIndex(
				(rule) => rule.method === method && rule.path.test(path.split('?')[0]),
			);
			if (index !== -1) {
				const rule = rules[index];
				if (rule.times !== undefined && --rule.times <= 0) rules.splice(index, 1);
				let requestBody;
				try {
					requestBody = JSON.parse(raw.toString('utf8'));
				} catch {
					requestBody = undefined;
				}
				answer = await rule.rewrite(answer, requestBody);
			}
			const out = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(out);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		baseUrl: `http://127.0.0.1:${address.port}`,
		/** @param {Rule} rule */
		rule: (rule) => rules.push(rule),
		clearRules: () => rules.splice(0),
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/** Walmart's 404 "not found" error body. */
const NOT_FOUND = {
	status: 404,
	body: {
		errors: [
			{
				code: 'CONTENT_NOT_FOUND.GMP_NOTIFICATIONS_API',
				description: 'No content found',
				severity: 'ERROR',
				category: 'DATA',
			},
		],
	},
};

/** Walmart's 500 error body. */
const SERVER_ERROR = {
	status: 500,
	body: {
		errors: [{ code: 'SYSTEM_ERROR.GMP_NOTIFICATIONS_API', description: 'Internal error' }],
	},
};

module.exports = { startWalmartProxy, NOT_FOUND, SERVER_ERROR };
