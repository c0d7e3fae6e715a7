/**
 * A line's charge ledger in integer cents: what Walmart lists, what it can have charged, what is
 * refunded and what is still refundable, per charge type and tax. The refund ceiling, the repeat
 * detection, the full refund and the simplified output all read this one ledger, so they agree.
 *
 * Walmart does not document whether an order line's `chargeAmount` is the price of one unit or
 * of the whole line. Until that is confirmed the ledger takes, for every figure that limits a
 * refund, the smaller of the two readings: a refund can then never exceed the line under either.
 */
import type { WalmartOrderLine } from './interfaces';
import { toCents } from './money';

export const CHARGE_TYPES = ['PRODUCT', 'SHIPPING'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

export interface RefundRecord {
	chargeType: string;
	reason: string;
	/** Positive cents, whatever sign Walmart recorded. */
	amountCents: number;
	taxCents: number;
}

export interface ChargeAccount {
	chargeType: ChargeType;
	chargeName: string;
	taxName?: string;
	/** The sum of the line's `chargeAmount`s of this type, as Walmart lists them. */
	listedCents: number;
	listedTaxCents: number;
	/** What Walmart can have charged for shipped or delivered units, under the stricter reading. */
	chargedCents: number;
	chargedTaxCents: number;
	/** The larger reading: the most Walmart could have charged, for spotting excess refunds. */
	mostChargedCents: number;
	mostChargedTaxCents: number;
	refundedCents: number;
	refundedTaxCents: number;
	refundableCents: number;
	refundableTaxCents: number;
}

export interface LineLedger {
	lineNumber: string;
	orderedQuantity: number;
	quantities: Record<string, number>;
	/** Created + Acknowledged: what can still be cancelled or shipped. */
	openQuantity: number;
	/** Shipped + Delivered: what Walmart has charged the customer for. */
	shippedQuantity: number;
	cancelledQuantity: number;
	currency?: string;
	accounts: Record<ChargeType, ChargeAccount>;
	refunds: RefundRecord[];
	/** Walmart opened a return for a full refund, or nothing is left to refund. */
	fullyRefunded: boolean;
}

function quantity(amount: unknown): number {
	const parsed = Number(amount ?? 0);
	return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
}

export function statusQuantities(line: WalmartOrderLine): Record<string, number> {
	const quantities: Record<string, number> = {};
	for (const entry of line.orderLineStatuses?.orderLineStatus ?? []) {
		quantities[entry.status] =
			(quantities[entry.status] ?? 0) + quantity(entry.statusQuantity?.amount);
	}
	return quantities;
}

/**
 * Charged for the shipped units: per-unit reading `listed × shipped`, line-total reading
 * `listed × shipped / ordered`. The smaller one limits refunds; the larger one bounds what
 * Walmart may legitimately have refunded.
 */
function chargedUnderBothReadings(
	listed: number,
	shipped: number,
	ordered: number,
): { least: number; most: number } {
	if (listed <= 0 || shipped <= 0) return { least: 0, most: 0 };
	const perUnit = listed * shipped;
	const lineTotal =
		ordered > 0 ? Math.floor((listed * Math.min(shipped, ordered)) / ordered) : listed;
	return { least: Math.min(perUnit, lineTotal), most: Math.max(perUnit, lineTotal) };
}

function emptyAccount(chargeType: ChargeType): ChargeAccount {
	return {
		chargeType,
		chargeName: chargeType === 'SHIPPING' ? 'Shipping' : 'ItemPrice',
		listedCents: 0,
		listedTaxCents: 0,
		chargedCents: 0,
		chargedTaxCents: 0,
		mostChargedCents: 0,
		mostChargedTaxCents: 0,
		refundedCents: 0,
		refundedTaxCents: 0,
		refundableCents: 0,
		refundableTaxCents: 0,
	};
}

function isChargeType(value: unknown): value is ChargeType {
	return value === 'PRODUCT' || value === 'SHIPPING';
}

export function lineLedger(line: WalmartOrderLine): LineLedger {
	const quantities = statusQuantities(line);
	const shipped = (quantities.Shipped ?? 0) + (quantities.Delivered ?? 0);
	const ordered = quantity(line.orderLineQuantity?.amount);
	const accounts: Record<ChargeType, ChargeAccount> = {
		PRODUCT: emptyAccount('PRODUCT'),
		SHIPPING: emptyAccount('SHIPPING'),
	};
	const named = new Set<ChargeType>();
	let currency: string | undefined;
	for (const charge of line.charges?.charge ?? []) {
		// Walmart documents PRODUCT and SHIPPING only; anything else counts as product so that it
		// is never left out of a ceiling.
		const type: ChargeType = charge.chargeType === 'SHIPPING' ? 'SHIPPING' : 'PRODUCT';
		const account = accounts[type];
		account.listedCents += toCents(charge.chargeAmount?.amount);
		account.listedTaxCents += toCents(charge.tax?.taxAmount?.amount);
		if (!named.has(type) && charge.chargeName) {
			account.chargeName = charge.chargeName;
			named.add(type);
		}
		account.taxName ??= charge.tax?.taxName ?? undefined;
		currency ??= charge.chargeAmount?.currency ?? undefined;
	}
	const refunds: RefundRecord[] = [];
	for (const refund of line.refund?.refundCharges?.refundCharge ?? []) {
		const record: RefundRecord = {
			chargeType: String(refund.charge?.chargeType ?? ''),
			reason: String(refund.refundReason ?? ''),
			amountCents: Math.abs(toCents(refund.charge?.chargeAmount?.amount)),
			taxCents: Math.abs(toCents(refund.charge?.tax?.taxAmount?.amount)),
		};
		refunds.push(record);
		const type: ChargeType = isChargeType(record.chargeType) ? record.chargeType : 'PRODUCT';
		accounts[type].refundedCents += record.amountCents;
		accounts[type].refundedTaxCents += record.taxCents;
	}
	for (const account of Object.values(accounts)) {
		const charged = chargedUnderBothReadings(account.listedCents, shipped, ordered);
		const chargedTax = chargedUnderBothReadings(account.listedTaxCents, shipped, ordered);
		account.chargedCents = charged.least;
		account.mostChargedCents = charged.most;
		account.chargedTaxCents = chargedTax.least;
		account.mostChargedTaxCents = chargedTax.most;
		account.refundableCents = Math.max(0, account.chargedCents - account.refundedCents);
		account.refundableTaxCents = Math.max(0, account.chargedTaxCents - account.refundedTaxCents);
	}
	const nothingLeft = Object.values(accounts).every(
		(account) => account.refundableCents === 0 && account.refundableTaxCents === 0,
	);
	return {
		lineNumber: String(line.lineNumber),
		orderedQuantity: ordered,
		quantities,
		openQuantity: (quantities.Created ?? 0) + (quantities.Acknowledged ?? 0),
		shippedQuantity: shipped,
		cancelledQuantity: quantities.Cancelled ?? 0,
		currency,
		accounts,
		refunds,
		fullyRefunded: !!line.returnOrderId || (shipped > 0 && refunds.length > 0 && nothingLeft),
	};
}

/** `Shipped 2, Cancelled 1`: how a line stands, for messages. */
export function describeQuantities(quantities: Record<string, number>): string {
	const parts = Object.keys(quantities)
		.filter((status) => quantities[status] > 0)
		.map((status) => `${status} ${quantities[status]}`);
	return parts.length ? parts.join(', ') : 'no status';
}
