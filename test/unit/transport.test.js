// @ts-check
const {
	parseWalmartErrors,
	describeDetails,
	fixFor,
} = require('../../dist/nodes/WalmartMarketplace/transport/errors');
const {
	throttleWaitMs,
	toFailure,
	isRetryableFault,
} = require('../../dist/nodes/WalmartMarketplace/transport');

const item = {
	code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
	field: 'data',
	description:
		'Unable to process this request. The Line: 4 of PO: 4576930294354 is in SHIPPED status',
	info: 'Request content is invalid.',
	severity: 'ERROR',
	category: 'DATA',
};

describe('parseWalmartErrors', () => {
	test.each([
		['errors.error[]', { errors: { error: [item] } }],
		['errors[]', { errors: [item] }],
		['error[]', { error: [item] }],
		['a JSON string', JSON.stringify({ errors: { error: [item] } })],
	])('reads the %s envelope', (_name, body) => {
		const [detail] = parseWalmartErrors(body);
		expect(detail.code).toBe(item.code);
		expect(detail.description).toBe(item.description);
	});

	test('reads the simplified 2026 shape with message instead of description', () => {
		const [detail] = parseWalmartErrors({
			errors: [{ code: 'INVALID_REQUEST_PARAM', message: 'limit too big', field: 'limit' }],
		});
		expect(detail).toMatchObject({
			code: 'INVALID_REQUEST_PARAM',
			description: 'limit too big',
			field: 'limit',
		});
	});

	test('reads problem+json', () => {
		const [detail] = parseWalmartErrors({ title: 'Bad Request', detail: 'lineNumber is required' });
		expect(detail).toMatchObject({ code: 'Bad Request', description: 'lineNumber is required' });
	});

	test('bodies that are not Walmart errors give nothing', () => {
		expect(parseWalmartErrors('<html>bad gateway</html>')).toEqual([]);
		expect(parseWalmartErrors(undefined)).toEqual([]);
		expect(parseWalmartErrors({ list: {} })).toEqual([]);
	});

	test('describes each error with its field and gives the fix', () => {
		const details = parseWalmartErrors({
			errors: { error: [{ ...item, field: 'cancellationReason' }] },
		});
		expect(describeDetails(details)).toBe(
			`INVALID_REQUEST_CONTENT.GMP_ORDER_API (field: cancellationReason): ${item.description}`,
		);
		expect(fixFor(details, 400)).toMatch(/^Walmart refused the request content/);
		expect(fixFor([], 503)).toBe('Walmart had an internal error. Try again later.');
	});
});

describe('throttleWaitMs', () => {
	const now = 1_800_000_000_000;
	test.each([
		['epoch milliseconds', String(now + 2000), 2000],
		['epoch seconds', String((now + 3000) / 1000), 3000],
		['seconds from now', '4', 4000],
		['an ISO date', new Date(now + 5000).toISOString(), 5000],
	])('waits until X-Next-Replenishment-Time given as %s', (_name, header, expected) => {
		const wait = throttleWaitMs({ 'X-Next-Replenishment-Time': header }, 0, now);
		expect(wait).toBeGreaterThanOrEqual(expected);
		expect(wait).toBeLessThan(expected + 250);
	});

	test('backs off exponentially without the header, and never waits over a minute', () => {
		expect(throttleWaitMs({}, 0, now)).toBeLessThan(1250);
		expect(throttleWaitMs({}, 3, now)).toBeGreaterThanOrEqual(8000);
		expect(throttleWaitMs({ 'x-next-replenishment-time': String(now + 3_600_000) }, 0, now)).toBe(
			60_000,
		);
	});
});

describe('failure classification', () => {
	test('5xx and dropped connections are retryable, 4xx are not', () => {
		expect(isRetryableFault(toFailure({ cause: { response: { status: 503 } } }))).toBe(true);
		expect(isRetryableFault(toFailure({ cause: { code: 'ECONNRESET' } }))).toBe(true);
		expect(isRetryableFault(toFailure({ cause: { response: { status: 400 } } }))).toBe(false);
	});
});
