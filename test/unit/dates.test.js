// @ts-check
const { toWalmartDate, epochToIso } = require('../../dist/nodes/WalmartMarketplace/helpers/dates');

describe('toWalmartDate', () => {
	test.each([
		['2026-11-01', '2026-11-01'],
		['2026-11-01T09:30:15Z', '2026-11-01T09:30:15Z'],
		['2026-11-01T09:30:15.396Z', '2026-11-01T09:30:15Z'],
		['2026-11-01T09:30:15+02:00', '2026-11-01T07:30:15Z'],
		['2026-11-01T09:30:15.000+0000', '2026-11-01T09:30:15Z'],
		['  2026-11-01  ', '2026-11-01'],
		['1793518215000', '2026-11-01T07:30:15Z'],
	])('%j is sent as %j', (input, expected) => {
		expect(toWalmartDate(input)).toBe(expected);
	});

	test('n8n date-picker wall time is read in the workflow time zone', () => {
		expect(toWalmartDate('2026-11-01T09:30:00', 'America/New_York')).toBe('2026-11-01T14:30:00Z');
		expect(toWalmartDate('2026-07-01T09:30:00', 'America/New_York')).toBe('2026-07-01T13:30:00Z');
		expect(toWalmartDate('2026-11-01T09:30:00', 'UTC')).toBe('2026-11-01T09:30:00Z');
	});

	test('Date objects, Luxon-like DateTimes and epoch numbers drop milliseconds', () => {
		const instant = Date.UTC(2026, 10, 1, 7, 30, 15, 396);
		expect(toWalmartDate(new Date(instant))).toBe('2026-11-01T07:30:15Z');
		expect(toWalmartDate({ toJSDate: () => new Date(instant) })).toBe('2026-11-01T07:30:15Z');
		expect(toWalmartDate(instant)).toBe('2026-11-01T07:30:15Z');
		expect(toWalmartDate(instant / 1000)).toBe('2026-11-01T07:30:15Z');
	});

	test.each([['last tuesday'], [''], [{}], [null], [Number.NaN]])('%j is refused', (input) => {
		expect(() => toWalmartDate(input)).toThrow();
	});

	test('epochToIso turns Walmart epoch milliseconds into ISO text', () => {
		expect(epochToIso(1568744823703)).toBe('2019-09-17T18:27:03.703Z');
		expect(epochToIso(undefined)).toBeUndefined();
	});
});
