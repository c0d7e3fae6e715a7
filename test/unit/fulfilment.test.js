// @ts-check
/**
 * The fulfilment planners (Acknowledge, Ship Lines, Update Tracking), the strict tracking input
 * and the carrier list, without n8n or HTTP.
 */
const {
	CARRIERS,
	CARRIER_OPTIONS,
	METHOD_CODES,
	OTHER_CARRIER,
} = require('../../dist/nodes/WalmartMarketplace/descriptions/carriers');
const {
	planAcknowledge,
} = require('../../dist/nodes/WalmartMarketplace/actions/order/acknowledge.plan');
const {
	planShip,
	parseRequestedPackages,
	parseDefaultTracking,
} = require('../../dist/nodes/WalmartMarketplace/actions/order/shipLines.plan');
const {
	planCorrections,
	parseRequestedCorrections,
	KEEP,
} = require('../../dist/nodes/WalmartMarketplace/actions/order/updateTracking.plan');
const {
	parseShipDate,
	hasIntentToCancel,
	SHIP_DATE_SKEW_MS,
} = require('../../dist/nodes/WalmartMarketplace/helpers/tracking');
const { toEpochMs } = require('../../dist/nodes/WalmartMarketplace/helpers/dates');
const emulatorConstants = require('../../emulator/constants');

const ORDER_DATE = Date.UTC(2026, 10, 1, 8, 0, 0);
const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);

/**
 * @param {string} lineNumber
 * @param {Array<[string, number, Record<string, unknown>?]>} entries status, quantity, tracking
 * @param {Record<string, unknown>} [extra]
 */
function line(lineNumber, entries, extra = {}) {
	return {
		lineNumber,
		item: { productName: 'Thing', sku: `SKU-${lineNumber}` },
		charges: { charge: [] },
		orderLineQuantity: {
			unitOfMeasurement: 'EACH',
			amount: String(entries.reduce((sum, [, amount]) => sum + amount, 0)),
		},
		statusDate: ORDER_DATE,
		orderLineStatuses: {
			orderLineStatus: entries.map(([status, amount, trackingInfo]) => ({
				status,
				statusQuantity: { unitOfMeasurement: 'EACH', amount: String(amount) },
				...(trackingInfo ? { trackingInfo } : {}),
			})),
		},
		...extra,
	};
}

/** @param {string} trackingNumber @param {Record<string, unknown>} [extra] */
const tracking = (trackingNumber, extra = {}) => ({
	shipDateTime: ORDER_DATE + 3600_000,
	carrierName: { carrier: 'UPS' },
	methodCode: 'Standard',
	trackingNumber,
	...extra,
});

/** @param {any[]} lines @param {string} [shipNode] */
const order = (lines, shipNode = 'SellerFulfilled') =>
	/** @type {any} */ ({
		purchaseOrderId: '1000000000001',
		customerOrderId: '2000000000001',
		orderDate: ORDER_DATE,
		shipNode: { type: shipNode },
		orderLines: { orderLine: lines },
	});

const defaults = (/** @type {Record<string, unknown>} */ extra = {}) => ({
	carrier: 'UPS',
	otherCarrier: undefined,
	methodCode: 'Standard',
	trackingNumber: '1Z1',
	trackingURL: '',
	shipDateTime: NOW - 60_000,
	...extra,
});

/** @param {unknown[]} entries @param {Record<string, unknown>} [extra] */
const packages = (entries, extra = {}) =>
	parseRequestedPackages(entries, true, defaults(extra), NOW, 'UTC');

/** @param {any} plan */
const sent = (plan) =>
	plan.toShip.flatMap((/** @type {any} */ entry) =>
		entry.packages.map(
			(/** @type {any} */ pack) => `${entry.lineNumber}:${pack.trackingNumber}:${pack.quantity}`,
		),
	);

const ship = (/** @type {any} */ o, /** @type {any} */ input) =>
	planShip(o, { skipIneligible: false, intentToCancelOverride: false, ...input });

describe('the carrier list', () => {
	test('has the spec’s 75 carriers, spelled exactly as the emulator (which follows the spec) has them', () => {
		expect(CARRIERS).toHaveLength(75);
		expect([...CARRIERS]).toEqual([...emulatorConstants.CARRIERS]);
		expect([...METHOD_CODES]).toEqual([...emulatorConstants.SHIP_METHOD_CODES]);
	});
	test('the dropdown offers every carrier once, A to Z, then Other Carrier', () => {
		const values = CARRIER_OPTIONS.map((/** @type {any} */ option) => option.value);
		expect(values).toHaveLength(76);
		expect(new Set(values).size).toBe(76);
		expect(values).toContain(OTHER_CARRIER);
		expect(CARRIER_OPTIONS.find((/** @type {any} */ option) => option.value === 'LS')?.name).toBe(
			'LS (LaserShip)',
		);
		expect(values[values.length - 1]).toBe(OTHER_CARRIER);
		const names = CARRIER_OPTIONS.slice(0, -1).map((/** @type {any} */ option) =>
			option.name.toLowerCase(),
		);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});
});

describe('Acknowledge planner', () => {
	test('sends one request when some quantity is Created, listing those lines', () => {
		const plan = planAcknowledge(
			order([
				line('1', [['Created', 2]]),
				line('2', [['Acknowledged', 1]]),
				line('3', [
					['Acknowledged', 1],
					['Created', 1],
				]),
			]),
		);
		expect(plan.toAcknowledge.map((/** @type {any} */ entry) => entry.lineNumber)).toEqual([
			'1',
			'3',
		]);
		expect(plan.toAcknowledge[0].quantity).toBe(2);
		expect(plan.skipped[0].message).toBe(
			'Line 2 is already acknowledged or beyond (Acknowledged 1); not sent again',
		);
	});
	test('nothing Created: everything reported as already acknowledged, nothing to send', () => {
		const plan = planAcknowledge(
			order([line('1', [['Shipped', 1, tracking('A')]]), line('2', [['Cancelled', 1]])]),
		);
		expect(plan.toAcknowledge).toEqual([]);
		expect(plan.skipped.map((/** @type {any} */ entry) => entry.message)).toEqual([
			'Line 1 is already acknowledged or beyond (Shipped 1); not sent again',
			'Line 2 has nothing to acknowledge (Cancelled 1)',
		]);
	});
	test('WFS orders are refused with the reason', () => {
		expect(() => planAcknowledge(order([line('1', [['Created', 1]])], 'WFSFulfilled'))).toThrow(
			'Purchase order 1000000000001 is fulfilled by Walmart (WFS) and cannot be acknowledged here',
		);
	});
});

describe('ship dates', () => {
	test('empty is now, cut to whole seconds; sent as epoch milliseconds', () => {
		expect(parseShipDate('', '"Ship Date"', NOW + 789, 'UTC')).toBe(NOW);
		expect(parseShipDate('2026-11-02T09:30:15.999Z', '"Ship Date"', NOW, 'UTC')).toBe(
			Date.UTC(2026, 10, 2, 9, 30, 15),
		);
	});
	test('a date alone is midnight in the workflow’s time zone', () => {
		expect(toEpochMs('2026-11-02', 'America/New_York')).toBe(Date.UTC(2026, 10, 2, 5));
		expect(parseShipDate('2026-11-02', '"Ship Date"', NOW, 'UTC')).toBe(Date.UTC(2026, 10, 2));
	});
	test(`up to ${SHIP_DATE_SKEW_MS / 60000} minutes ahead is clock difference; later is the future`, () => {
		expect(parseShipDate(NOW + SHIP_DATE_SKEW_MS, '"Ship Date"', NOW, 'UTC')).toBe(
			NOW + SHIP_DATE_SKEW_MS,
		);
		expect(() => parseShipDate(NOW + SHIP_DATE_SKEW_MS + 1000, '"Ship Date"', NOW, 'UTC')).toThrow(
			'"Ship Date" 2026-11-02T12:05:01Z is in the future',
		);
	});
	test.each([['yesterday'], ['2026-02-30'], ['12/31'], [true], ['1']])('%j is refused', (value) => {
		expect(() => parseShipDate(value, '"Ship Date"', NOW, 'UTC')).toThrow(
			`"Ship Date" is not a date: ${JSON.stringify(value)}`,
		);
	});
});

describe('Ship Lines planner', () => {
	test('a package means "at least N units under this tracking number": a re-run ships nothing more', () => {
		const input = { packages: packages([{ lineNumber: 1, quantity: 1, trackingNumber: 'A' }]) };
		const fresh = order([line('1', [['Created', 3]])]);
		expect(sent(ship(fresh, input))).toEqual(['1:A:1']);
		const afterFirstRun = order([
			line('1', [
				['Created', 2],
				['Shipped', 1, tracking('A')],
			]),
		]);
		const again = ship(afterFirstRun, input);
		expect(sent(again)).toEqual([]);
		expect(again.skipped[0].message).toBe(
			'Line 1 already has 1 unit(s) shipped under tracking number A, at least the 1 asked for; not sent again',
		);
		const more = ship(afterFirstRun, {
			packages: packages([{ lineNumber: 1, quantity: 2, trackingNumber: 'A' }]),
		});
		expect(sent(more)).toEqual(['1:A:1']);
	});
	test('one line split over several tracking numbers goes out as one line with one entry per package', () => {
		const plan = ship(order([line('1', [['Acknowledged', 3]])]), {
			packages: packages([
				{ lineNumber: 1, quantity: 2, trackingNumber: 'A' },
				{
					lineNumber: 1,
					quantity: 1,
					trackingNumber: 'B',
					carrier: 'FedEx',
					methodCode: 'Express',
				},
			]),
		});
		expect(plan.toShip).toHaveLength(1);
		expect(plan.toShip[0].packages).toEqual([
			expect.objectContaining({
				trackingNumber: 'A',
				quantity: 2,
				carrierName: { carrier: 'UPS' },
			}),
			expect.objectContaining({
				trackingNumber: 'B',
				quantity: 1,
				carrierName: { carrier: 'FedEx' },
				methodCode: 'Express',
			}),
		]);
		expect(plan.toShip[0].sellerOrderId).toBe('1000000000001');
	});
	test('never more than is open, never a cancelled line, never an unknown one', () => {
		const o = order([
			line('1', [['Created', 1]]),
			line('2', [['Cancelled', 1]]),
			line('3', [['Shipped', 1, tracking('Z')]]),
		]);
		expect(() =>
			ship(o, { packages: packages([{ lineNumber: 1, quantity: 2, trackingNumber: 'A' }]) }),
		).toThrow(
			'Line 1 would ship 2 unit(s), but only 1 is open (Created 1); Walmart never ships more than is open. Nothing was shipped.',
		);
		expect(() => ship(o, { packages: packages([2]) })).toThrow(
			'Line 2 is cancelled (Cancelled 1) and cannot be shipped. Nothing was shipped.',
		);
		expect(() => ship(o, { packages: packages([3]) })).toThrow(
			'Line 3 has nothing left to ship: it is Shipped 1; only Created or Acknowledged quantity can ship. Nothing was shipped.',
		);
		expect(() => ship(o, { packages: packages([9]) })).toThrow(
			'Line 9 does not exist on purchase order 1000000000001 (its lines: 1, 2, 3). Nothing was shipped.',
		);
		const skipped = ship(o, { packages: packages([1, 2, 9]), skipIneligible: true });
		expect(sent(skipped)).toEqual(['1:1Z1:1']);
		expect(skipped.skipped.map((/** @type {any} */ entry) => entry.lineNumber)).toEqual(['2', '9']);
	});
	test('intent-to-cancel lines are refused unless overridden; the override is then sent', () => {
		const o = order([line('1', [['Created', 1]], { intentToCancel: 'true' })]);
		expect(() => ship(o, { packages: packages([1]) })).toThrow(
			'Line 1 is one the customer asked to cancel (Walmart’s intent-to-cancel flag). Nothing was shipped.',
		);
		const plan = ship(o, { packages: packages([1]), intentToCancelOverride: true });
		expect(plan.toShip[0].intentToCancelOverride).toBe(true);
		expect(hasIntentToCancel(/** @type {any} */ ({ intentToCancel: 'false' }))).toBe(false);
		expect(hasIntentToCancel(/** @type {any} */ ({ intentToCancel: '' }))).toBe(false);
		expect(hasIntentToCancel(/** @type {any} */ ({ intentToCancel: 'Y' }))).toBe(true);
		expect(hasIntentToCancel(/** @type {any} */ ({ intentToCancel: true }))).toBe(true);
	});
	test('WFS orders and ship dates before the order date are refused', () => {
		expect(() =>
			ship(order([line('1', [['Created', 1]])], 'WFSFulfilled'), { packages: packages([1]) }),
		).toThrow('is fulfilled by Walmart (WFS) and cannot be shipped here');
		expect(() =>
			ship(order([line('1', [['Created', 1]])]), {
				packages: packages([1], { shipDateTime: ORDER_DATE - 1000 }),
			}),
		).toThrow(
			'The ship date 2026-11-01T07:59:59Z is before the order date 2026-11-01T08:00:00Z of purchase order 1000000000001',
		);
	});
	test('All Open Lines ships what is open and reports the rest; a re-run is all "already shipped"', () => {
		const all = { all: { tracking: parseDefaultTracking(defaults()), shipDateTime: NOW } };
		const o = order([
			line('1', [['Created', 2]]),
			line('2', [['Cancelled', 1]]),
			line('3', [
				['Acknowledged', 1],
				['Shipped', 1, tracking('Z')],
			]),
		]);
		const plan = ship(o, { packages: all });
		expect(sent(plan)).toEqual(['1:1Z1:2', '3:1Z1:1']);
		expect(plan.skipped[0].message).toBe('Line 2 has nothing open to ship (Cancelled 1)');
		const shipped = order([
			line('1', [['Shipped', 2, tracking('1Z1')]]),
			line('2', [['Cancelled', 1]]),
			line('3', [
				['Shipped', 1, tracking('Z')],
				['Shipped', 1, tracking('1Z1')],
			]),
		]);
		const rerun = ship(shipped, { packages: all });
		expect(rerun.toShip).toEqual([]);
		expect(
			rerun.skipped.filter((/** @type {any} */ e) => /not sent again/.test(e.message)),
		).toHaveLength(2);
		expect(() => ship(order([line('1', [['Cancelled', 1]])]), { packages: all })).toThrow(
			'Purchase order 1000000000001 has no open lines to ship',
		);
	});
	test('input is strict: the same package twice, "all" mixed with packages, unknown fields, other carriers without a URL', () => {
		expect(() =>
			packages([
				{ lineNumber: 1, quantity: 1, trackingNumber: 'A' },
				{ lineNumber: '1', quantity: 2, trackingNumber: 'A' },
			]),
		).toThrow('Line 1 is listed twice with tracking number A');
		expect(() => packages([1, { lineNumber: 1, quantity: 1, trackingNumber: 'B' }])).toThrow(
			'Line 1 has a package with quantity "all" and other packages',
		);
		expect(() => packages([{ lineNumber: 1, quantity: 1, trackingNo: 'B' }])).toThrow(
			'Line 1 to ship has the field "trackingNo", which Ship Lines does not read',
		);
		expect(() => packages([{ lineNumber: 1, quantity: 1, otherCarrier: 'Purolator' }])).toThrow(
			'Line 1: the carrier "Purolator" is not one of Walmart’s, so a tracking URL is required',
		);
		expect(
			packages([
				{
					lineNumber: 1,
					quantity: 1,
					otherCarrier: 'Purolator',
					trackingURL: 'https://purolator.example/track/1',
				},
			])[0].tracking.carrierName,
		).toEqual({ otherCarrier: 'Purolator' });
		expect(() => packages([{ lineNumber: 1, quantity: 1, carrier: 'fedex' }])).toThrow(
			'Line 1 carrier is "fedex", which is not one of Walmart’s carriers',
		);
		expect(() => packages([{ lineNumber: 1, quantity: 1, methodCode: 'standard' }])).toThrow(
			'Line 1 method code is "standard", which Walmart does not accept',
		);
		expect(() => packages([1], { trackingNumber: '' })).toThrow('Line 1 has no tracking number');
		expect(() => packages([1], { carrier: OTHER_CARRIER, otherCarrier: '' })).toThrow(
			'"Other Carrier Name" is empty',
		);
	});
});

describe('Update Tracking planner', () => {
	const corrections = (/** @type {unknown[]} */ entries, /** @type {any} */ extra = {}) =>
		parseRequestedCorrections(entries, true, {
			carrier: KEEP,
			otherCarrier: undefined,
			methodCode: KEEP,
			trackingURL: '',
			...extra,
		});
	const shipped = order([
		line('1', [['Shipped', 2, tracking('A', { trackingURL: 'https://ups.example/A' })]]),
		line('2', [
			['Shipped', 1, tracking('B')],
			['Shipped', 1, tracking('C')],
		]),
		line('3', [['Created', 1]]),
		line('4', [['Delivered', 1, tracking('D')]]),
	]);

	test('replaces only what is given; sends PARTIAL_UPDATE entries naming the current tracking number', () => {
		const plan = planCorrections(shipped, {
			corrections: corrections([{ lineNumber: 1, trackingNumber: 'A2', carrier: 'FedEx' }]),
		});
		expect(plan.toSend).toEqual([
			{
				lineNumber: '1',
				sellerOrderId: '1000000000001',
				packages: [
					{
						quantity: 2,
						unitOfMeasurement: 'EACH',
						shipDateTime: ORDER_DATE + 3600_000,
						carrierName: { carrier: 'FedEx' },
						methodCode: 'Standard',
						trackingNumber: 'A2',
						trackingURL: 'https://ups.example/A',
						currentTrackingNumber: 'A',
					},
				],
			},
		]);
	});
	test('a package that already looks as asked is not sent again, also after its number changed', () => {
		const corrected = order([
			line('1', [['Shipped', 2, tracking('A2', { carrierName: { carrier: 'FedEx' } })]]),
		]);
		const plan = planCorrections(corrected, {
			corrections: corrections([
				{ lineNumber: 1, currentTrackingNumber: 'A', trackingNumber: 'A2', carrier: 'FedEx' },
			]),
		});
		expect(plan.toSend).toEqual([]);
		expect(plan.skipped[0].message).toBe(
			'Line 1: tracking number A is already corrected to A2; not sent again',
		);
	});
	test('refuses lines that are not shipped, delivered ones, and ambiguous packages', () => {
		const plan = (/** @type {unknown[]} */ entries) =>
			planCorrections(shipped, { corrections: corrections(entries) });
		expect(() => plan([{ lineNumber: 3, trackingNumber: 'X' }])).toThrow(
			'Line 3 is not shipped (Created 1); only shipped lines have tracking to correct. Nothing was updated.',
		);
		expect(() => plan([{ lineNumber: 4, trackingNumber: 'X' }])).toThrow(
			'Line 4 is delivered (Delivered 1); Walmart corrects the tracking of shipped packages only. Nothing was updated.',
		);
		expect(() => plan([{ lineNumber: 2, trackingNumber: 'X' }])).toThrow(
			'Line 2 has 2 shipped packages (B, C). Nothing was updated.',
		);
		expect(() =>
			plan([{ lineNumber: 2, currentTrackingNumber: 'Q', trackingNumber: 'X' }]),
		).toThrow('Line 2 has no shipped package with tracking number Q. Nothing was updated.');
		expect(() =>
			plan([{ lineNumber: 2, currentTrackingNumber: 'B', trackingNumber: 'C' }]),
		).toThrow('Line 2 already has another package with tracking number C. Nothing was updated.');
		expect(() => corrections([{ lineNumber: 1 }])).toThrow('Line 1 has nothing to correct');
	});
});
