import { ALPHA } from "./compare";

/** A whole number with thousands separators, the same in every locale: 12345 -> "12,345". */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A number with `digits` decimals, never "-0.0". */
export function formatFixed(value: number, digits = 1): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** A difference with an explicit sign: "+4.1", "-2.0", "0.0". */
export function formatSigned(value: number, digits = 1): string {
  const text = formatFixed(value, digits);
  return Number(text) > 0 ? `+${text}` : text;
}

/** A p-value for people: "p < 0.001", "p = 0.043"; never rounded across the 0.05 line. */
export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  const short = p.toPrecision(2);
  return `p = ${Number(short) < ALPHA === p < ALPHA ? short : p.toPrecision(3)}`;
}
