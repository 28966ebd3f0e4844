namespace CustomsFn.Core.Tariffs;

public enum DutyKind
{
    /// <summary>No duty ("Free", "No additional duty").</summary>
    Free,
    /// <summary>A percentage of the customs value ("6.8%").</summary>
    AdValorem,
    /// <summary>An amount per unit ("1¢/kg", "$3/head", "34.00 GBP/100kg").</summary>
    Specific,
    /// <summary>Several terms added, possibly with a minimum or maximum ("2.2¢/kg + 5%", "8% MIN 0.40 EUR / 100 kg").</summary>
    Compound,
    /// <summary>Different rates by time of year ("15% (01 JAN-14 FEB), 0% (15 FEB-31 DEC)").</summary>
    Seasonal,
    /// <summary>Understood but not computable from a document: a reference, an entry-price system, a content-based duty.</summary>
    NotComputable,
}
