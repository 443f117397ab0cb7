//! Astronomical positions from Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998): true new
//! moons (chapter 49), the Sun's apparent longitude (chapter 25, low accuracy, about 0.01°), and
//! ΔT = TT − UT from the polynomials of Espenak & Meeus (NASA, *Five Millennium Canon*).
//!
//! Times are Julian Ephemeris Days (TT) unless a name says UT.

use std::f64::consts::PI;

/// Mean synodic month in days.
pub(crate) const SYNODIC_MONTH: f64 = 29.530_588_861;

fn sin_deg(degrees: f64) -> f64 {
    (degrees * PI / 180.0).sin()
}

/// JDE of the true new moon of lunation `k` (k = 0 is the new moon of 2000-01-06).
pub(crate) fn new_moon_jde(k: f64) -> f64 {
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = 2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let omega = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;

    let periodic = -0.40720 * sin_deg(mp)
        + 0.17241 * e * sin_deg(m)
        + 0.01608 * sin_deg(2.0 * mp)
        + 0.01039 * sin_deg(2.0 * f)
        + 0.00739 * e * sin_deg(mp - m)
        - 0.00514 * e * sin_deg(mp + m)
        + 0.00208 * e * e * sin_deg(2.0 * m)
        - 0.00111 * sin_deg(mp - 2.0 * f)
        - 0.00057 * sin_deg(mp + 2.0 * f)
        + 0.00056 * e * sin_deg(2.0 * mp + m)
        - 0.00042 * sin_deg(3.0 * mp)
        + 0.00042 * e * sin_deg(m + 2.0 * f)
        + 0.00038 * e * sin_deg(m - 2.0 * f)
        - 0.00024 * e * sin_deg(2.0 * mp - m)
        - 0.00017 * sin_deg(omega)
        - 0.00007 * sin_deg(mp + 2.0 * m)
        + 0.00004 * sin_deg(2.0 * mp - 2.0 * f)
        + 0.00004 * sin_deg(3.0 * m)
        + 0.00003 * sin_deg(mp + m - 2.0 * f)
        + 0.00003 * sin_deg(2.0 * mp + 2.0 * f)
        - 0.00003 * sin_deg(mp + m + 2.0 * f)
        + 0.00003 * sin_deg(mp - m + 2.0 * f)
        - 0.00002 * sin_deg(mp - m - 2.0 * f)
        - 0.00002 * sin_deg(3.0 * mp + m)
        + 0.00002 * sin_deg(4.0 * mp);

    let planetary: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77 + 0.107_408 * k - 0.009_173 * t2, 0.0),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    let additional: f64 = planetary
        .iter()
        .map(|(coefficient, base, rate)| coefficient * sin_deg(base + rate * k))
        .sum();
    mean + periodic + additional
}

/// The Sun's apparent geocentric longitude in degrees [0, 360) at JDE `jde`.
pub(crate) fn sun_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1_934.136 * t;
    let apparent = l0 + c - 0.005_69 - 0.004_78 * sin_deg(omega);
    apparent.rem_euclid(360.0)
}

/// ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus polynomials, 1860–2150).
pub(crate) fn delta_t_seconds(year: f64) -> f64 {
    match year {
        y if y < 1900.0 => {
            let t = y - 1860.0;
            7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3)
                - 0.000_447_362_4 * t.powi(4)
                + t.powi(5) / 233_174.0
        }
        y if y < 1920.0 => {
            let t = y - 1900.0;
            -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
                - 0.000_197 * t.powi(4)
        }
        y if y < 1941.0 => {
            let t = y - 1920.0;
            21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
        }
        y if y < 1961.0 => {
            let t = y - 1950.0;
            29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2_547.0
        }
        y if y < 1986.0 => {
            let t = y - 1975.0;
            45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
        }
        y if y < 2005.0 => {
            let t = y - 2000.0;
            63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
                + 0.001_727_5 * t.powi(3)
                + 0.000_651_814 * t.powi(4)
                + 0.000_023_735_99 * t.powi(5)
        }
        y if y < 2050.0 => {
            let t = y - 2000.0;
            62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
        }
        y => -20.0 + 32.0 * ((y - 1820.0) / 100.0).powi(2) - 0.5628 * (2150.0 - y),
    }
}

/// Decimal year of a Julian Day (precise enough for ΔT).
pub(crate) fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - 2_451_545.0) / 365.25
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_49a_new_moon_of_february_1977() {
        // Meeus example 49.a: k = -283 gives JDE 2443192.65118 (1977 Feb 18, 3:37:42 TD).
        let jde = new_moon_jde(-283.0);
        assert!((jde - 2_443_192.651_18).abs() < 0.000_01, "{jde}");
    }

    #[test]
    fn meeus_example_25a_sun_on_1992_october_13() {
        // Meeus example 25.a: apparent longitude 199°.90895 at JDE 2448908.5.
        let longitude = sun_longitude(2_448_908.5);
        assert!((longitude - 199.908_95).abs() < 0.002, "{longitude}");
    }

    #[test]
    fn delta_t_is_continuous_enough_and_known_values_hold() {
        assert!((delta_t_seconds(2000.0) - 63.86).abs() < 0.01);
        assert!((delta_t_seconds(1900.0) + 2.79).abs() < 0.01);
        for boundary in [1900.0, 1920.0, 1941.0, 1961.0, 1986.0, 2005.0, 2050.0] {
            let jump = (delta_t_seconds(boundary) - delta_t_seconds(boundary - 1e-6)).abs();
            assert!(jump < 2.5, "ΔT jumps {jump} s at {boundary}");
        }
    }
}
