namespace CustomsFn.Core.Screening;

/// <summary>
/// Latin letters with diacritics folded to their base letters ("é" e, "ő" o, "ș" s, "ệ" e), from Unicode NFKD of
/// Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional. A table because the build runs with invariant
/// globalization, where <c>string.Normalize</c> does not decompose.
/// </summary>
internal static class LatinFolding
{
    // Pairs: the letter, then its base letter (or letters, e.g. "ǆ" dz) in lower case; generated with Python's unicodedata.
    private const string Pairs =
        "ÀaÁaÂaÃaÄaÅaÇcÈeÉeÊeËeÌiÍiÎiÏiÑnÒoÓoÔoÕoÖoÙuÚuÛuÜuÝyàaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûu" +
        "üuýyÿyĀaāaĂaăaĄaąaĆcćcĈcĉcĊcċcČcčcĎdďdĒeēeĔeĕeĖeėeĘeęeĚeěeĜgĝgĞgğgĠgġgĢgģgĤhĥhĨiĩiĪiīiĬiĭiĮiįiİiĲijĳ" +
        "ijĴjĵjĶkķkĹlĺlĻlļlĽlľlŃnńnŅnņnŇnňnŌoōoŎoŏoŐoőoŔrŕrŖrŗrŘrřrŚsśsŜsŝsŞsşsŠsšsŢtţtŤtťtŨuũuŪuūuŬuŭuŮuůuŰu" +
        "űuŲuųuŴwŵwŶyŷyŸyŹzźzŻzżzŽzžzſsƠoơoƯuưuǄdzǅdzǆdzǇljǈljǉljǊnjǋnjǌnjǍaǎaǏiǐiǑoǒoǓuǔuǕuǖuǗuǘuǙuǚuǛuǜuǞaǟ" +
        "aǠaǡaǦgǧgǨkǩkǪoǫoǬoǭoǰjǱdzǲdzǳdzǴgǵgǸnǹnǺaǻaȀaȁaȂaȃaȄeȅeȆeȇeȈiȉiȊiȋiȌoȍoȎoȏoȐrȑrȒrȓrȔuȕuȖuȗuȘsșsȚtțt" +
        "ȞhȟhȦaȧaȨeȩeȪoȫoȬoȭoȮoȯoȰoȱoȲyȳyḀaḁaḂbḃbḄbḅbḆbḇbḈcḉcḊdḋdḌdḍdḎdḏdḐdḑdḒdḓdḔeḕeḖeḗeḘeḙeḚeḛeḜeḝeḞfḟfḠgḡg" +
        "ḢhḣhḤhḥhḦhḧhḨhḩhḪhḫhḬiḭiḮiḯiḰkḱkḲkḳkḴkḵkḶlḷlḸlḹlḺlḻlḼlḽlḾmḿmṀmṁmṂmṃmṄnṅnṆnṇnṈnṉnṊnṋnṌoṍoṎoṏoṐoṑoṒoṓo" +
        "ṔpṕpṖpṗpṘrṙrṚrṛrṜrṝrṞrṟrṠsṡsṢsṣsṤsṥsṦsṧsṨsṩsṪtṫtṬtṭtṮtṯtṰtṱtṲuṳuṴuṵuṶuṷuṸuṹuṺuṻuṼvṽvṾvṿvẀwẁwẂwẃwẄwẅw" +
        "ẆwẇwẈwẉwẊxẋxẌxẍxẎyẏyẐzẑzẒzẓzẔzẕzẖhẗtẘwẙyẛsẠaạaẢaảaẤaấaẦaầaẨaẩaẪaẫaẬaậaẮaắaẰaằaẲaẳaẴaẵaẶaặaẸeẹeẺeẻeẼe" +
        "ẽeẾeếeỀeềeỂeểeỄeễeỆeệeỈiỉiỊiịiỌoọoỎoỏoỐoốoỒoồoỔoổoỖoỗoỘoộoỚoớoỜoờoỞoởoỠoỡoỢoợoỤuụuỦuủuỨuứuỪuừuỬuửuỮu" +
        "ữuỰuựuỲyỳyỴyỵyỶyỷyỸyỹy";

    private static readonly System.Collections.Frozen.FrozenDictionary<char, string> Table = Build();

    public static string? Fold(char c) => Table.TryGetValue(c, out var s) ? s : null;

    private static System.Collections.Frozen.FrozenDictionary<char, string> Build()
    {
        var d = new Dictionary<char, string>();
        var i = 0;
        while (i < Pairs.Length)
        {
            var key = Pairs[i++];
            var start = i;
            while (i < Pairs.Length && Pairs[i] is >= 'a' and <= 'z') i++;
            d[key] = Pairs[start..i];
        }
        return System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(d);
    }
}
