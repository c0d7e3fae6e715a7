/**
 * Strict reading of what users, expressions, imported workflows and AI agents hand the node.
 * Every parser either returns exactly what the field means or throws an InputError that names
 * the field, shows the value and says how to fix it. None of them lets a blank, a boolean, an
 * array or a hexadecimal text silently become a number or a choice: `Number(" ")` is 0 and
 * `Number("0x0A")` is 10, which on a refund or cancel is real money.
 */

/** Bad input, found before any request. The router turns it into a NodeOperationError. */
export class InputError extends Error {
	readonly fix: string;

	constructor(message: string, fix: string) {
		super(message);
		this.name = 'InputError';
		this.fix = fix;
	}
}

/** How a value is quoted in messages: `"0x2"`, `true`, `[5]`, `empty`. */
export function show(value: unknown): string {
	if (value === undefined || value === null) return 'empty';
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	try {
		const text = JSON.stringify(value);
		if (text === undefined) return String(value);
		return text.length > 80 ? `${text.slice(0, 77)}…` : text;
	} catch {
		return String(value);
	}
}

const WHOLE_NUMBER_TEXT = /^\d+$/;
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * A whole number of 1 or more: a JSON number, or a text of plain digits. Refuses blanks,
 * booleans, arrays, fractions, signs, hexadecimal, exponents and anything above 2^53.
 */
export function parsePositiveWholeNumber(value: unknown, field: string, fix: string): number {
	let parsed: number | undefined;
	if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = value;
	if (typeof value === 'string' && WHOLE_NUMBER_TEXT.test(value.trim())) {
		parsed = Number(value.trim());
		if (!Number.isSafeInteger(parsed)) parsed = undefined;
	}
	if (parsed === undefined || parsed < 1) {
		throw new InputError(
			`${field} is ${show(value)}, which is not a whole number of 1 or more`,
			fix,
		);
	}
	return parsed;
}

/** A quantity that is a whole number of 1 or more, or the word `all`, said explicitly. */
export function parseQuantityOrAll(value: unknown, field: string, fix: string): number | 'all' {
	if (typeof value === 'string' && value.trim().toLowerCase() === 'all') return 'all';
	return parsePositiveWholeNumber(value, field, fix);
}

/** An order line number: a whole number of 1 or more, returned as Walmart's text form. */
export function parseLineNumber(value: unknown, field: string): string {
	return String(
		parsePositiveWholeNumber(
			value,
			field,
			'Line numbers are whole numbers from 1, as lineNumber in Get Order. Check the mapping of the lines.',
		),
	);
}

/**
 * Money as integer cents from a JSON number or a plain decimal text with at most two decimals.
 * The sign is returned as given; callers decide what a sign means.
 */
export function parseCents(value: unknown, field: string, fix: string): number {
	let text: string | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
	if (typeof value === 'string') text = value.trim();
	const match = text === undefined ? null : DECIMAL_TEXT.exec(text);
	if (!match) {
		throw new InputError(`${field} is ${show(value)}, which is not an amount`, fix);
	}
	const [, sign, whole, fraction = ''] = match;
	if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) {
		throw new InputError(
			`${field} is ${show(value)}, which has more than 2 decimals`,
			'Round it to whole cents, such as 12.50.',
		);
	}
	const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
	if (!Number.isSafeInteger(cents)) {
		throw new InputError(`${field} is ${show(value)}, which is too large`, fix);
	}
	return sign === '-' ? -cents : cents;
}

/** `true`/`false` or the texts `"true"`/`"false"`; blank means the default. */
export function parseBoolean(value: unknown, field: string, defaultValue: boolean): boolean {
	if (value === undefined || value === null || value === '') return defaultValue;
	if (value === true || value === false) return value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new InputError(
		`"${field}" is ${show(value)}, which is neither true nor false`,
		`Set it to true or false (an expression may give the text "true" or "false").`,
	);
}

/**
 * Dry Run. In a workflow it is off unless set; for an AI agent anything but an explicit false is
 * a dry run, so a write needs a deliberate second call.
 */
export function parseDryRun(value: unknown, runsAsTool: boolean): boolean {
	if (runsAsTool) {
		return !(value === false || (typeof value === 'string' && value.trim() === 'false'));
	}
	return parseBoolean(value, 'Dry Run', false);
}

/**
 * A Walmart ID made of digits. Numbers above 2^53 have already lost digits when they arrive as
 * JSON numbers, so they are refused rather than guessed.
 */
export function parseDigitsId(
	value: unknown,
	field: string,
	lengths: { min: number; max: number },
	example: string,
): string {
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value < 0) {
			throw new InputError(
				`"${field}" is the number ${show(value)}, which is too large to be exact`,
				`Pass the ID as text, e.g. "${example}": numbers above 9007199254740991 lose digits in JavaScript.`,
			);
		}
		value = String(value);
	}
	if (isBlank(value)) {
		throw new InputError(
			`"${field}" is empty`,
			`Enter the ${field.toLowerCase()}, or map it from an earlier node.`,
		);
	}
	const text = typeof value === 'string' ? value.trim() : undefined;
	const pattern = new RegExp(`^\\d{${lengths.min},${lengths.max}}$`);
	if (text === undefined || !pattern.test(text)) {
		throw new InputError(
			`"${field}" must be digits only, but it is ${show(value)}`,
			`Walmart ${field.toLowerCase()}s are numbers such as ${example}.`,
		);
	}
	return text;
}

/**
 * One of a fixed list of texts, spelled exactly. `field` is quoted by the caller; `owner` says
 * whose list it is: Walmart's codes, or the node's own options.
 */
export function parseChoice<T extends string>(
	value: unknown,
	allowed: readonly T[],
	field: string,
	owner: 'walmart' | 'node' = 'walmart',
): T {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const found = allowed.find((option) => option === text);
	if (found !== undefined) return found;
	const close =
		text === undefined
			? undefined
			: allowed.find(
					(option) =>
						option.replace(/[\W_]/g, '').toLowerCase() === text.replace(/[\W_]/g, '').toLowerCase(),
				);
	throw new InputError(
		owner === 'walmart'
			? `${field} is ${show(value)}, which Walmart does not accept`
			: `${field} is ${show(value)}, which is not one of its choices`,
		close !== undefined
			? `${owner === 'walmart' ? 'Walmart spells it' : 'It is spelled'} exactly "${close}".`
			: `Use one of: ${allowed.join(', ')}.`,
	);
}

/** Optional free text: trimmed, blank becomes undefined, anything but text is refused. */
export function parseOptionalText(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new InputError(`"${field}" is ${show(value)}, which is not text`, 'Enter plain text.');
	}
	const text = value.trim();
	return text === '' ? undefined : text;
}

const invalidJson = Symbol('invalid JSON');

/**
 * A list from a JSON field: a JSON text, an array, or one object (a list of one). Empty lists
 * are refused by the caller, which knows what "nothing" would mean.
 */
export function parseJsonList(value: unknown, field: string, example: string): unknown[] {
	let list = value;
	if (typeof list === 'string') {
		let parsed: unknown = invalidJson;
		try {
			parsed = JSON.parse(list);
		} catch {
			// Reported below, outside the catch, with the field's name.
		}
		if (parsed === invalidJson) {
			throw new InputError(`"${field}" is not valid JSON`, `Enter a list such as ${example}.`);
		}
		list = parsed;
	}
	if (Array.isArray(list)) return list;
	if (typeof list === 'object' && list !== null) return [list];
	throw new InputError(
		`"${field}" is ${show(value)}, which is not a list`,
		`Enter a list such as ${example}.`,
	);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
