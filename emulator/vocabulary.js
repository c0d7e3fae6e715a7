// @ts-check
// Word lists for the seeded data: plausible products, customers, addresses and carriers.

const BRANDS = [
	'Mainstays',
	'Ozark Trail',
	'Great Value',
	'Hyper Tough',
	'Better Homes & Gardens',
	'Equate',
	'Pen+Gear',
	'Onn',
];
/** @type {readonly (readonly [string, number, number, number])[]} name, min price, max price, weight lb */
const PRODUCT_KINDS = [
	['4-Person Dome Tent', 40, 150, 9],
	['Stainless Water Bottle', 8, 25, 1],
	['LED Desk Lamp', 15, 45, 2],
	['Cordless Drill', 35, 120, 4],
	['Bath Towel Set', 12, 40, 3],
	['12-Cup Coffee Maker', 20, 90, 6],
	['Wireless Earbuds', 15, 80, 0.5],
	['Yoga Mat', 10, 35, 2],
	['Cast Iron Skillet', 15, 45, 5],
	['Storage Bin', 5, 20, 1.5],
	['Laptop Backpack', 15, 60, 1.5],
	['Throw Blanket', 10, 35, 2],
	['Air Fryer', 40, 130, 10],
	['Bluetooth Speaker', 20, 90, 1.2],
	['Office Chair', 60, 220, 30],
	['Laundry Basket', 6, 20, 1.8],
];
const COLORS = ['Blue', 'Black', 'Gray', 'Red', 'White', 'Green'];
const FIRST_NAMES = [
	'James',
	'Mary',
	'Robert',
	'Patricia',
	'John',
	'Jennifer',
	'Michael',
	'Linda',
	'David',
	'Maria',
	'Carlos',
	'Wei',
	'Aisha',
	'Kathryn',
	'Dorothy',
	'Steffen',
];
const LAST_NAMES = [
	'Smith',
	'Johnson',
	'Williams',
	'Brown',
	'Jones',
	'Garcia',
	'Miller',
	'Davis',
	'Rodriguez',
	'Martinez',
	'Nguyen',
	'Kim',
	'Cole',
	'Becker',
	'Kelly',
];
const STREETS = [
	'Main St',
	'Oak Ave',
	'Maple Dr',
	'Cedar Ln',
	'Elm St',
	'Park Blvd',
	'Lakeview Rd',
];
/** @type {readonly (readonly [string, string, string])[]} */
const CITIES = [
	['Bentonville', 'AR', '72712'],
	['Chicago', 'IL', '60646'],
	['San Francisco', 'CA', '94133'],
	['Miami Beach', 'FL', '33141'],
	['Austin', 'TX', '78701'],
	['Seattle', 'WA', '98101'],
	['Denver', 'CO', '80202'],
	['Atlanta', 'GA', '30303'],
	['Boston', 'MA', '02108'],
	['Phoenix', 'AZ', '85004'],
	['Columbus', 'OH', '43215'],
	['Warners', 'NY', '13164'],
];
const CARRIERS = [
	{ carrier: 'UPS', url: 'https://www.ups.com/track?tracknum=' },
	{ carrier: 'FedEx', url: 'https://www.fedex.com/fedextrack/?trknbr=' },
	{ carrier: 'USPS', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
];
/** @type {readonly (readonly [string, number])[]} */
const METHOD_CODES = [
	['Standard', 70],
	['Value', 12],
	['Express', 10],
	['OneDay', 5],
	['Freight', 3],
];
/** @type {Record<string, string>} */
const SHIP_METHOD_BY_CODE = {
	Standard: 'STANDARD',
	Value: 'VALUE',
	Express: 'EXPEDITED',
	OneDay: 'ONE_DAY',
	Freight: 'FREIGHT',
};
const SEEDED_REFUND_REASONS = [
	'DamagedItem',
	'ItemNotAsAdvertised',
	'General adjustment',
	'Shipping & Delivery -> Damaged',
	'CustomerReceivedItemLate',
];

module.exports = {
	BRANDS,
	PRODUCT_KINDS,
	COLORS,
	FIRST_NAMES,
	LAST_NAMES,
	STREETS,
	CITIES,
	CARRIERS,
	METHOD_CODES,
	SHIP_METHOD_BY_CODE,
	SEEDED_REFUND_REASONS,
};
