namespace CustomsFn.Core.Screening;

/// <summary>What a list entry is: a person, an organisation (company, group, bank), a vessel or an aircraft.</summary>
public enum PartyType
{
    Unknown,
    Person,
    Organisation,
    Vessel,
    Aircraft,
}
