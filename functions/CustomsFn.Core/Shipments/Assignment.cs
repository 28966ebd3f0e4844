namespace CustomsFn.Core.Shipments;

/// <summary>
/// The assignment problem (Hungarian method, Kuhn-Munkres with potentials, O(n²m)): pairs rows with columns so that
/// the total score is maximal, each row and column used at most once. Deterministic for a given matrix.
/// </summary>
public static class Assignment
{
    /// <summary>For each row, the assigned column or -1. Pairs scoring below <paramref name="minimum"/> are left unassigned.</summary>
    public static int[] Maximize(double[,] score, double minimum)
    {
        var rows = score.GetLength(0);
        var cols = score.GetLength(1);
        var result = new int[rows];
        Array.Fill(result, -1);
        if (rows == 0 || cols == 0) return result;

        // Work on n <= m (transpose if needed); cost = -score, with pairs under the minimum priced like "no pair".
        var transpose = rows > cols;
        var n = transpose ? cols : rows;
        var m = transpose ? rows : cols;
        var cost = new double[n + 1, m + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var s = transpose ? score[j - 1, i - 1] : score[i - 1, j - 1];
                cost[i, j] = s >= minimum ? -s : 0;
            }
        }

        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[m + 1];
            Array.Fill(minv, double.PositiveInfinity);
            var used = new bool[m + 1];
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    var cur = cost[i0, j] - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= m; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            }
            while (p[j0] != 0);
            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        for (var j = 1; j <= m; j++)
        {
            if (p[j] == 0) continue;
            int row = transpose ? j - 1 : p[j] - 1, col = transpose ? p[j] - 1 : j - 1;
            if (score[row, col] >= minimum) result[row] = col;
        }
        return result;
    }
}
