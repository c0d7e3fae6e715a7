// @ts-check
const {
	parseCents,
	parseBoolean,
	parseDryRun,
	parsePositiveWholeNumber,
	parseDigitsId,
	parseChoice,
	parseJsonList,
	InputError,
} = require('../../dist/nodes/WalmartMarketplace/helpers/parse');
const {
	toCents,
	formatCents,
	fromCents,
} = require('../../dist/nodes/WalmartMarketplace/helpers/money');
const { toWalmartDate } = require('../../dist/nodes/WalmartMarketplace/helpers/dates');

const fix = 'the fix';

describe('parsePositiveWholeNumber', () => {
	test.each([
		[1, 1],
		['1', 1],
		[' 12 ', 12],
		[9007199254740991, 9007199254740991],
	])('%j is %j', (input, expected) => {
		expect(parsePositiveWholeNumber(input, 'Q', fix)).toBe(expected);
	});
	test.each([
		[0],
		[-1],
		[1.5],
		[''],
		[' '],
		[true],
		[false],
		[[]],
		[[5]],
		[{}],
		[null],
		[undefined],
		['0x2'],
		['1e2'],
		['Infinity'],
		[Infinity],
		[NaN],
		['+3'],
		['3.0'],
		['9007199254740993'],
		[9007199254740993],
	])('%j is refused with the field, the value and the fix', (input) => {
		expect(() => parsePositiveWholeNumber(input, 'Quantity', fix)).toThrow(InputError);
		try {
			parsePositiveWholeNumber(input, 'Quantity', fix);
		} catch (error) {
			expect(/** @type {Error} */ (error).message).toMatch(
				/^Quantity is .+, which is not a whole number of 1 or more$/,
			);
			expect(/** @type {any} */ (error).fix).toBe(fix);
		}
	});
});

describe('parseCents', () => {
	test.each([
		[12.5, 1250],
		['12.50', 1250],
		[' 0.29 ', 29],
		[0.29, 29],
		[19.99, 1999],
		[-5, -500],
		['-0.05', -5],
		['7', 700],
		['1.230', 123],
		[1e21 / 1e21, 100],
	])('%j is %j cents', (input, expected) => {
		expect(parseCents(input, 'Amount', fix)).toBe(expected);
	});
	test.each([
		['0x0A'],
		[[5]],
		[true],
		[''],
		[' '],
		['1e3'],
		[1e-7],
		['$5'],
		['5,00'],
		['Infinity'],
		[null],
		['1.234'],
		[1.234],
	])('%j is refused', (input) => {
		expect(() => parseCents(input, 'Amount', fix)).toThrow(InputError);
	});
});

describe('money', () => {
	test('cents round-trip without floating-point drift', () => {
		expect(toCents(0.1 + 0.2)).toBe(30);
		expect(toCents(19.99) * 3).toBe(5997);
		expect(formatCents(5997)).toBe('59.97');
		expect(formatCents(-5)).toBe('-0.05');
		expect(fromCents(1250)).toBe(12.5);
		expect(toCents('abc')).toBe(0);
	});
});

describe('booleans and Dry Run', () => {
	test.each([
		[true, true],
		[false, false],
		['true', true],
		[' false ', false],
		[undefined, false],
		['', false],
	])('%j is %j', (input, expected) => {
		expect(parseBoolean(input, 'Flag', false)).toBe(expected);
	});
	test.each([['TRUE'], ['yes'], [1], [0], ['1'], [[]], [{}]])('%j is refused', (input) => {
		expect(() => parseBoolean(input, 'Flag', false)).toThrow('"Flag" is');
	});
	test('as an AI tool, anything but an explicit false is a dry run', () => {
		for (const value of [undefined, true, 'true', 'yes', 1, 0, '', 'False', null]) {
			expect(parseDryRun(value, true)).toBe(true);
		}
		expect(parseDryRun(false, true)).toBe(false);
		expect(parseDryRun('false', true)).toBe(false);
		expect(parseDryRun(' false ', true)).toBe(false);
	});
	test('in a workflow, Dry Run is off unless set and strict when set', () => {
		expect(parseDryRun(undefined, false)).toBe(false);
		expect(parseDryRun('true', false)).toBe(true);
		expect(() => parseDryRun(1, false)).toThrow('"Dry Run" is 1, which is neither true nor false');
	});
});

describe('IDs', () => {
	const id = (/** @type {unknown} */ value) =>
		parseDigitsId(value, 'Purchase Order ID', { min: 6, max: 20 }, '1796277083022');
	test('digits are trimmed; safe numbers become text', () => {
		expect(id(' 1796277083022\n')).toBe('1796277083022');
		expect(id(1796277083022)).toBe('1796277083022');
	});
	test('numbers above 2^53 are refused: they have lost digits already', () => {
		expect(() => id(12345678901234567890)).toThrow('which is too large to be exact');
	});
	test.each([[''], ['  '], [null], [undefined]])('%j is empty', (input) => {
		expect(() => id(input)).toThrow('"Purchase Order ID" is empty');
	});
	test.each([['PO-1'], ['12345'], [true], [[1796277083022]], ['1796277083022x']])(
		'%j is refused',
		(input) => {
			expect(() => id(input)).toThrow('must be digits only');
		},
	);
});

describe('choices and JSON lists', () => {
	test('exact spelling only, with a hint for the near miss', () => {
		expect(parseChoice('DamagedItem', ['DamagedItem', 'Others'], 'Reason')).toBe('DamagedItem');
		expect(() => parseChoice('damaged item', ['DamagedItem'], 'Reason')).toThrow(
			'Reason is "damaged item", which Walmart does not accept',
		);
	});
	test('a JSON text, an array or one object', () => {
		expect(parseJsonList('[1,2]', 'Lines', 'e.g.')).toEqual([1, 2]);
		expect(parseJsonList({ lineNumber: 1 }, 'Lines', 'e.g.')).toEqual([{ lineNumber: 1 }]);
		expect(() => parseJsonList('[1', 'Lines', 'e.g.')).toThrow('"Lines" is not valid JSON');
		expect(() => parseJsonList(5, 'Lines', 'e.g.')).toThrow('which is not a list');
	});
});

describe('strict dates', () => {
	test.each([
		['1'],
		['foo 2020'],
		['12/31'],
		['2026-13-45'],
		['2026-02-30'],
		['2026-11-01T24:00:00Z'],
		['2026-11-01T10:61:00Z'],
		['Nov 1 2026'],
		[1],
		[2026],
		[20261101],
		[true],
		['2026-11-01T10:00:00+25:00x'],
	])('%j is refused', (input) => {
		expect(() => toWalmartDate(input)).toThrow();
	});
	test('leap days and offsets are read right', () => {
		expect(toWalmartDate('2028-02-29')).toBe('2028-02-29');
		expect(toWalmartDate('2026-11-01T09:30:15+0200')).toBe('2026-11-01T07:30:15Z');
		expect(toWalmartDate(1793518215)).toBe('2026-11-01T07:30:15Z');
	});
});
