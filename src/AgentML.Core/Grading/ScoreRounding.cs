using System.Globalization;
using System.Numerics;

namespace AgentML.Core.Grading;

/// <summary>Python's round(x, n): the exact binary value rounded half-to-even at n decimals, then the nearest double.</summary>
public static class ScoreRounding
{
    /// <summary>MLE-bench rounds every score to 5 decimals before ranking it.</summary>
    public const int MleBenchDecimals = 5;

    public static double Round(double value, int decimals = MleBenchDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075; // value = mantissa * 2^exponent
        if (exponent >= 0)
        {
            return value; // an integer: nothing to round
        }

        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        var denominator = BigInteger.One << -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = (negative ? "-" : "") + digits[..^decimals] + (decimals > 0 ? "." + digits[^decimals..] : "");
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
