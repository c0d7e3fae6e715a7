// @ts-check
// Seeded pseudo-random numbers (mulberry32): the same seed always yields the same data set,
// so tests can reproduce any failure.

class SeededRandom {
	/** @param {number} seed */
	constructor(seed) {
		this.state = seed >>> 0;
	}

	/** @returns {number} in [0, 1) */
	next() {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/**
	 * @param {number} min
	 * @param {number} max inclusive
	 */
	int(min, max) {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** @param {number} probability */
	chance(probability) {
		return this.next() < probability;
	}

	/**
	 * @template T
	 * @param {readonly T[]} items
	 * @returns {T}
	 */
	pick(items) {
		return items[Math.floor(this.next() * items.length)];
	}

	/**
	 * @template T
	 * @param {readonly (readonly [T, number])[]} weightedItems
	 * @returns {T}
	 */
	weighted(weightedItems) {
		const total = weightedItems.reduce((sum, [, weight]) => sum + weight, 0);
		let roll = this.next() * total;
		for (const [item, weight] of weightedItems) {
			roll -= weight;
			if (roll < 0) return item;
		}
		return weightedItems[weightedItems.length - 1][0];
	}

	/** @param {number} length */
	digits(length) {
		let result = '';
		for (let i = 0; i < length; i++) result += String(this.int(0, 9));
		return result;
	}

	/** @param {number} length */
	hex(length) {
		let result = '';
		for (let i = 0; i < length; i++) result += this.int(0, 15).toString(16);
		return result;
	}

	/**
	 * @param {number} from epoch ms
	 * @param {number} to epoch ms; a range that is empty yields `from`
	 * @returns {number} a whole second in the range
	 */
	timeBetween(from, to) {
		return Math.floor((from + this.next() * Math.max(0, to - from)) / 1000) * 1000;
	}

	/**
	 * @param {Set<string>} used IDs already taken; the new one is added
	 * @param {string} firstDigits digits the ID may start with
	 * @param {number} length
	 */
	uniqueId(used, firstDigits, length) {
		for (;;) {
			const id = this.pick(firstDigits.split('')) + this.digits(length - 1);
			if (!used.has(id)) {
				used.add(id);
				return id;
			}
		}
	}

	/**
	 * @param {number} min
	 * @param {number} max
	 * @returns {number} rounded to cents
	 */
	money(min, max) {
		return Math.round((min + this.next() * (max - min)) * 100) / 100;
	}
}

module.exports = { SeededRandom };
