// @ts-check
// The seeded data set: determinism, invariants, the fixed bulk orders and generation speed.

const { startEmulator } = require('..');
const { generateDataset } = require('../data');

/** @typedef {import('../types').Order} Order */

const NOW = Date.UTC(2025, 2, 10, 16, 45, 12);
const DAY_MS = 24 * 60 * 60 * 1000;

const { orders, returns } = generateDataset({
	seed: 99,
	now: NOW,
	orderCount: 1500,
	returnCount: 300,
});

test('same seed and clock give identical data; another seed does not', () => {
	const again = generateDataset({ seed: 99, now: NOW, orderCount: 1500, returnCount: 300 });
	expect(JSON.stringify(again)).toBe(JSON.stringify({ orders, returns }));
	const other = generateDataset({ seed: 100, now: NOW, orderCount: 1500, returnCount: 300 });
	expect(other.orders[5].purchaseOrderId).not.toBe(orders[5].purchaseOrderId);
});

test('the number of returns does not change the orders', () => {
	const fewerReturns = generateDataset({ seed: 99, now: NOW, orderCount: 1500, returnCount: 10 });
	expect(JSON.stringify(fewerReturns.orders)).toBe(JSON.stringify(orders));
	expect(fewerReturns.returns).toHaveLength(10);
});

test('two emulators with the same options serve the same orders', async () => {
	const first = await startEmulator({ seed: 4, orderCount: 120, now: NOW });
	const second = await startEmulator({ seed: 4, orderCount: 120, now: NOW });
	try {
		expect(second.orders()).toEqual(first.orders());
		expect(second.returns()).toEqual(first.returns());
	} finally {
		await Promise.all([first.close(), second.close()]);
	}
});

test('orders are consistent with Walmart shapes and with each other', () => {
	expect(orders).toHaveLength(1500);
	expect(new Set(orders.map((order) => order.purchaseOrderId)).size).toBe(orders.length);
	// Collected rather than asserted one by one: thousands of expect() calls are slow.
	/** @type {string[]} */
	const problems = [];
	/**
	 * @param {boolean} ok
	 * @param {string} message
	 */
	const check = (ok, message) => {
		if (!ok) problems.push(message);
	};
	orders.forEach((order, index) => {
		const po = order.purchaseOrderId;
		if (index > 0) check(orders[index - 1].orderDate >= order.orderDate, `${po} out of order`);
		check(/^\d{13}$/.test(po), `${po} is not 13 digits`);
		check(/^\d{13}$/.test(order.customerOrderId), `${po} customerOrderId`);
		check(/^[0-9A-F]{32}@relay\.walmart\.com$/.test(order.customerEmailId), `${po} email`);
		check(order.orderDate <= NOW && order.orderDate > NOW - 171 * DAY_MS, `${po} orderDate range`);
		check(order.orderDate % 1000 === 0, `${po} orderDate has milliseconds`);
		check(order.lastModified >= order.orderDate, `${po} lastModified before orderDate`);
		if (order.orderType === 'REPLACEMENT') {
			check(/^\d{13}$/.test(order.originalCustomerOrderID ?? ''), `${po} originalCustomerOrderID`);
		}
		const lineCount = order.orderLines.orderLine.length;
		if (!po.startsWith('9'))
			check(lineCount >= 1 && lineCount <= 4, `${po} has ${lineCount} lines`);
		for (const line of order.orderLines.orderLine) {
			const where = `${po} line ${line.lineNumber}`;
			const statuses = line.orderLineStatuses.orderLineStatus;
			const total = statuses.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
			check(String(total) === line.orderLineQuantity.amount, `${where} quantities do not add up`);
			check(Number(line.orderLineQuantity.amount) <= 3, `${where} quantity above 3`);
			for (const entry of statuses) {
				if (entry.status === 'Shipped' || entry.status === 'Delivered') {
					check(/^\d+$/.test(entry.trackingInfo?.trackingNumber ?? ''), `${where} tracking`);
				}
				if (entry.status === 'Cancelled') {
					check(entry.cancellationReason !== undefined, `${where} cancellationReason`);
				}
			}
			if (line.intentToCancel !== undefined) {
				check(line.intentToCancel === 'true', `${where} intentToCancel value`);
				check(!po.startsWith('9'), `${where} intentToCancel on a bulk order`);
				check(
					statuses.some((entry) => entry.status === 'Created' || entry.status === 'Acknowledged'),
					`${where} intentToCancel on a line with nothing open`,
				);
			}
			if (line.item.weight !== undefined) {
				check(/^\d+(\.\d+)?$/.test(line.item.weight.value), `${where} weight.value`);
			}
			const [first] = line.charges.charge;
			check(first.chargeType === 'PRODUCT' && first.chargeName === 'ItemPrice', `${where} charge`);
			check(line.statusDate <= order.lastModified, `${where} statusDate after lastModified`);
		}
	});
	expect(problems).toEqual([]);
});

test('the data has the variety tests need', () => {
	const lines = orders.flatMap((order) => order.orderLines.orderLine);
	/** @param {(line: typeof lines[number]) => boolean} predicate */
	const count = (predicate) => lines.filter(predicate).length;
	const statusesOf = (/** @type {typeof lines[number]} */ line) =>
		line.orderLineStatuses.orderLineStatus.map((entry) => entry.status);
	expect(count((line) => statusesOf(line).length > 1)).toBeGreaterThan(10);
	expect(
		count((line) => statusesOf(line).includes('Shipped') && statusesOf(line).includes('Cancelled')),
	).toBeGreaterThan(0);
	expect(count((line) => line.refund !== undefined)).toBeGreaterThan(10);
	expect(count((line) => line.intentToCancel !== undefined)).toBeGreaterThan(3);
	expect(
		count((line) => line.charges.charge.some((charge) => charge.chargeType === 'SHIPPING')),
	).toBeGreaterThan(100);
	for (const status of ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled']) {
		expect(count((line) => statusesOf(line).includes(/** @type {any} */ (status)))).toBeGreaterThan(
			0,
		);
	}
	expect(orders.filter((order) => order.orderType === 'REPLACEMENT').length).toBeGreaterThan(0);
	expect(
		lines.filter((line) => line.fulfillment.shippingProgramType === 'TWO_DAY').length,
	).toBeGreaterThan(0);
	expect(returns.filter((entry) => entry.returnOrderLines.length > 1).length).toBeGreaterThan(0);
});

test('the fixed bulk orders exist with 250 Created and 150 Acknowledged lines', () => {
	const created = orders.find((order) => order.purchaseOrderId === '9000000000250');
	const acknowledged = orders.find((order) => order.purchaseOrderId === '9000000000150');
	expect(created?.orderLines.orderLine).toHaveLength(250);
	expect(acknowledged?.orderLines.orderLine).toHaveLength(150);
	expect(
		created?.orderLines.orderLine.every(
			(line) => line.orderLineStatuses.orderLineStatus[0].status === 'Created',
		),
	).toBe(true);
	expect(
		acknowledged?.orderLines.orderLine.every(
			(line) => line.orderLineStatuses.orderLineStatus[0].status === 'Acknowledged',
		),
	).toBe(true);
	expect(created?.shipNode.type).toBe('SellerFulfilled');
	expect(NOW - (created?.orderDate ?? 0)).toBeLessThan(DAY_MS);
});

test('returns have unique 18-digit IDs and ISO dates, newest first', () => {
	expect(new Set(returns.map((entry) => entry.returnOrderId)).size).toBe(returns.length);
	for (const entry of returns) {
		expect(entry.returnOrderId).toMatch(/^\d{18}$/);
		expect(entry.returnOrderDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
		expect(Date.parse(entry.returnOrderDate)).toBeLessThanOrEqual(NOW);
		expect(entry.lastModified).toBeGreaterThanOrEqual(Date.parse(entry.returnOrderDate));
	}
});

test('option validation', async () => {
	await expect(startEmulator({ orderCount: 100001 })).rejects.toThrow(/orderCount/);
	await expect(startEmulator({ orderCount: -1 })).rejects.toThrow(/orderCount/);
	await expect(startEmulator({ tokenLifetimeSeconds: 0 })).rejects.toThrow(/tokenLifetimeSeconds/);
	await expect(startEmulator({ clientId: 'a:b' })).rejects.toThrow(/clientId/);
});

test('10,000 orders generate quickly', async () => {
	const started = performance.now();
	const emu = await startEmulator({ seed: 1, orderCount: 10000 });
	const elapsed = performance.now() - started;
	try {
		expect(emu.info().orderCount).toBe(10000);
		expect(emu.info().returnCount).toBe(2000);
		// Timing is printed, not asserted: shared CI machines vary too much.
		console.log(`startEmulator with 10,000 orders and 2,000 returns took ${elapsed.toFixed(0)} ms`);
	} finally {
		await emu.close();
	}
});
