namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Column roles from content: across the rows of a table, the three numeric columns whose values multiply out
/// (quantity x unit price = amount) are the quantity, unit price and amount columns, whatever their headers say. The
/// numbers of the rows' own lines are grouped into content columns (numbers whose x ranges overlap from row to row);
/// every row votes for the column triples that multiply out on it, the amount right of its two factors (a row with
/// several such triples splits its vote);
/// the triple with the most votes, carried by at least half the rows with three numbers, is taken. Numbers under a
/// header label naming a tax rate, discount, position, GTIN, HS code or weight never take a role; percentages never count.
/// Where a column is labelled as a discount, a row also multiplies out as quantity x unit price less its discount
/// percentage = amount.
/// </summary>
public sealed class ArithmeticColumns
{
    /// <summary>The cell a number goes to when the arithmetic moved it out of a quantity, price or amount column.</summary>
    public const string Unread = "unread";

    private static readonly string[] Vetoed = [Lexicon.ColTaxRate, Lexicon.ColDiscount, Lexicon.ColPosition, Lexicon.ColGtin, FieldNames.HsCode, FieldNames.NetWeightKg, FieldNames.GrossWeightKg];
    private static readonly string[] Roles = [FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount];

    private readonly List<(double X0, double X1)> _columns;
    private readonly int[] _roles;

    private ArithmeticColumns(List<(double X0, double X1)> columns, int[] roles)
    {
        _columns = columns;
        _roles = roles;
    }

    /// <summary>
    /// Of numbers in reading order, the indices of three, left to right, the third the product of the first two (to the
    /// cent) and at least the second: the one whose product stands furthest right; null when none multiply out.
    /// </summary>
    public static (int I, int J, int K)? ProductTriple(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var k = values.Count - 1; k >= 2; k--)
            for (var i = 0; i < k; i++)
                for (var j = i + 1; j < k; j++)
                    if (LayoutFieldExtractor.Agrees(values[i] * values[j], values[k]) && values[k] >= values[j]) return (i, j, k);
        return null;
    }

    /// <summary>The x ranges of the quantity, unit price and amount content columns.</summary>
    public IReadOnlyList<(double X0, double X1)> Pinned => _roles.Select(r => _columns[r]).ToList();

    /// <summary>The pinned columns of a table, or null when no triple multiplies out on enough rows.</summary>
    public static ArithmeticColumns? Pin(GoodsTable table, IReadOnlyList<TableRow> rows, string? language)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var numbers = rows.Select(r => Numbers(r, language)).ToList();
        var columns = Cluster(numbers.SelectMany(n => n).Select(n => (n.Word.X0, n.Word.X1)));
        if (columns.Count < 3) return null;
        // A content column under a vetoed label (overlapping the label itself, not just the column's cut range: an unnamed
        // amount column right of the tax rate falls in the tax rate's range) takes no role.
        var vetoed = columns.Select(c => table.Columns.Any(tc => Array.IndexOf(Vetoed, tc.Target) >= 0 && c.X0 < tc.Header.X1 + 2 && c.X1 > tc.Header.X0 - 2)).ToArray();

        // Content columns under a discount label: there a row's amount may be quantity x price less that percentage.
        var discounts = columns.Select((c, i) => (c, i))
            .Where(x => table.Columns.Any(tc => tc.Target == Lexicon.ColDiscount && x.c.X0 < tc.Header.X1 + 2 && x.c.X1 > tc.Header.X0 - 2))
            .Select(x => x.i).ToHashSet();

        var votes = new Dictionary<(int A, int B, int Amount), double>();
        var eligible = 0;
        foreach (var row in numbers)
        {
            var discount = row.Where(n => discounts.Contains(ColumnOf(columns, n.Word))).Select(n => (decimal?)n.Value).FirstOrDefault();
            var cells = row.Select(n => (n.Value, Column: ColumnOf(columns, n.Word))).Where(c => c.Column >= 0 && !vetoed[c.Column]).ToList();
            if (cells.Select(c => c.Column).Distinct().Count() < 3) continue;
            eligible++;
            var found = new HashSet<(int, int, int)>();
            foreach (var a in cells)
                foreach (var b in cells)
                    foreach (var c in cells)
                    {
                        // The amount stands right of its factors (a row reads quantity, price, amount in some order, the amount last).
                        if (a.Column >= b.Column || c.Column <= b.Column || c.Value == 0) continue;
                        if (LayoutFieldExtractor.Agrees(a.Value * b.Value, c.Value)
                            || discount is > 0 and < 100 && LayoutFieldExtractor.Agrees(a.Value * b.Value * (1 - discount.Value / 100), c.Value))
                            found.Add((a.Column, b.Column, c.Column));
                    }
            foreach (var key in found) votes[key] = votes.GetValueOrDefault(key) + 1.0 / found.Count;
        }
        if (votes.Count == 0) return null;
        // Most votes; among equals the amount furthest right (amounts close a row).
        var best = votes.OrderByDescending(v => v.Value).ThenByDescending(v => v.Key.Amount).First();
        if (best.Value < Math.Max(1.0, eligible * 0.5) - 1e-9 && !(eligible == 1 && best.Value > 0.99)) return null;

        var (x, y, amount) = best.Key;
        // Which factor is the quantity: the header says so; else the one that is a whole number on more rows; else the left one.
        var headerX = HeaderRole(table, columns[x]);
        var headerY = HeaderRole(table, columns[y]);
        bool xIsQuantity;
        if (headerX == FieldNames.Quantity || headerY == FieldNames.UnitPrice) xIsQuantity = true;
        else if (headerY == FieldNames.Quantity || headerX == FieldNames.UnitPrice) xIsQuantity = false;
        else
        {
            var wholeX = numbers.Count(r => r.Any(n => ColumnOf(columns, n.Word) == x && n.Value == decimal.Truncate(n.Value)));
            var wholeY = numbers.Count(r => r.Any(n => ColumnOf(columns, n.Word) == y && n.Value == decimal.Truncate(n.Value)));
            xIsQuantity = wholeX >= wholeY;
        }
        return new ArithmeticColumns(columns, xIsQuantity ? [x, y, amount] : [y, x, amount]);
    }

    /// <summary>
    /// Moves the numbers of the row's own line into the pinned cells: a number in a pinned content column goes to its
    /// role's cell; a number left in a quantity, price or amount cell outside the pinned columns goes to <see cref="Unread"/>.
    /// </summary>
    public void Apply(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Anchor is null) return;
        var own = row.OwnWords.ToHashSet();
        var moves = new List<(TextWord Word, string From, string To)>();
        foreach (var (target, words) in row.Cells)
        {
            foreach (var w in words)
            {
                if (!own.Contains(w) || !IsNumber(w, null)) continue;
                var column = ColumnOf(_columns, w);
                var role = column < 0 ? -1 : Array.IndexOf(_roles, column);
                var to = role >= 0 ? Roles[role] : Array.IndexOf(Roles, target) >= 0 ? Unread : target;
                if (to != target) moves.Add((w, target, to));
            }
        }
        foreach (var (word, from, to) in moves)
        {
            row.Cells[from].Remove(word);
            if (!row.Cells.TryGetValue(to, out var list)) row.Cells[to] = list = [];
            list.Add(word);
            list.Sort((a, b) => a.Top != b.Top && Math.Abs(a.Top - b.Top) > a.Height * 0.5 ? a.Top.CompareTo(b.Top) : a.X0.CompareTo(b.X0));
        }
        foreach (var empty in row.Cells.Where(c => c.Value.Count == 0).Select(c => c.Key).ToList()) row.Cells.Remove(empty);
    }

    private static List<(decimal Value, TextWord Word)> Numbers(TableRow row, string? language)
    {
        var result = new List<(decimal, TextWord)>();
        foreach (var w in row.OwnWords)
            if (IsNumber(w, language) && LocaleNumbers.Parse(w.Text, language) is { } v) result.Add((v, w));
        return result;
    }

    private static bool IsNumber(TextWord w, string? language) =>
        !w.Text.Contains('%', StringComparison.Ordinal) && !w.Text.EndsWith(':') && w.Text.Any(char.IsAsciiDigit) && LocaleNumbers.Parse(w.Text, language) is not null
        && LocaleDates.Parse(w.Text) is null;

    /// <summary>Merges overlapping x ranges into content columns, left to right.</summary>
    private static List<(double X0, double X1)> Cluster(IEnumerable<(double X0, double X1)> ranges)
    {
        var merged = new List<(double X0, double X1)>();
        foreach (var r in ranges.OrderBy(r => r.X0))
        {
            if (merged.Count > 0 && r.X0 < merged[^1].X1) merged[^1] = (merged[^1].X0, Math.Max(merged[^1].X1, r.X1));
            else merged.Add(r);
        }
        return merged;
    }

    private static int ColumnOf(List<(double X0, double X1)> columns, TextWord w)
    {
        var x = (w.X0 + w.X1) / 2;
        return columns.FindIndex(c => x >= c.X0 && x <= c.X1);
    }

    private static double Centre((double X0, double X1) c) => (c.X0 + c.X1) / 2;

    private static string? HeaderRole(GoodsTable table, (double X0, double X1) column) =>
        table.Columns.FirstOrDefault(c => Centre(column) >= c.X0 && Centre(column) < c.X1)?.Target;
}
