// The IBAN country table: length, BBAN structure, SEPA membership and
// national check of every country whose banks issue IBANs.
//
// Sources, cross-checked against each other:
//   - the SWIFT IBAN registry (ISO 13616), release of 2024: 89 countries,
//     in_registry = true; BBAN formats are the registry's own notation;
//   - French and Finnish territories with their own ISO 3166 code that the
//     registry folds into FR and FI, and whose IBANs banks still print with
//     the territory's code (GF, GP, ..., AX): parent's format and check;
//   - countries that issue IBANs without being in the registry (mostly the
//     BCEAO, BEAC and other African central banks, plus Iran): the formats
//     their central banks publish, as collected by the usual IBAN libraries.
//     For the BCEAO countries (BF, BJ, CI, GW, ML, NE, SN, TG) the bank code
//     starts with one or two letters or digits ("SN012", "D0089"), hence 2!c.
//   - sepa: the EPC's geographical scope of the SEPA schemes: EU/EEA, CH,
//     GB, MC, SM, VA, AD, GI, the EU's outermost regions and the French
//     overseas collectivities inside it (BL, MF, PM), and since 2024/2025
//     AL, ME, MD, MK and RS. New Caledonia, French Polynesia, Wallis and
//     Futuna and the French Southern Territories are outside it.
//
// The table is sorted by code; find_iban_country() relies on that.
#include <algorithm>
#include <array>

#include "paywidget/bank_debit.hpp"

namespace pw {

namespace {

using NC = NationalCheck;

// clang-format off
constexpr std::array kCountries = {
    IbanCountry{"AD", "Andorra", "Andorran", 24, "4!n4!n12!c", true, true, NC::none},
    IbanCountry{"AE", "United Arab Emirates", "Emirati", 23, "3!n16!n", true, false, NC::none},
    IbanCountry{"AL", "Albania", "Albanian", 28, "8!n16!c", true, true, NC::none},
    IbanCountry{"AO", "Angola", "Angolan", 25, "21!n", false, false, NC::none},
    IbanCountry{"AT", "Austria", "Austrian", 20, "5!n11!n", true, true, NC::none},
    IbanCountry{"AX", "Åland Islands", "", 18, "3!n11!n", false, true, NC::finland},
    IbanCountry{"AZ", "Azerbaijan", "Azerbaijani", 28, "4!a20!c", true, false, NC::none},
    IbanCountry{"BA", "Bosnia and Herzegovina", "Bosnian", 20, "3!n3!n8!n2!n", true, false, NC::mod97_10},
    IbanCountry{"BE", "Belgium", "Belgian", 16, "3!n7!n2!n", true, true, NC::belgium},
    IbanCountry{"BF", "Burkina Faso", "Burkinabe", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"BG", "Bulgaria", "Bulgarian", 22, "4!a4!n2!n8!c", true, true, NC::none},
    IbanCountry{"BH", "Bahrain", "Bahraini", 22, "4!a14!c", true, false, NC::none},
    IbanCountry{"BI", "Burundi", "Burundian", 27, "5!n5!n11!n2!n", true, false, NC::none},
    IbanCountry{"BJ", "Benin", "Beninese", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"BL", "Saint Barthélemy", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"BR", "Brazil", "Brazilian", 29, "8!n5!n10!n1!a1!c", true, false, NC::none},
    IbanCountry{"BY", "Belarus", "Belarusian", 28, "4!c4!n16!c", true, false, NC::none},
    IbanCountry{"CF", "Central African Republic", "Central African", 27, "23!n", false, false, NC::none},
    IbanCountry{"CG", "Congo", "Congolese", 27, "23!n", false, false, NC::none},
    IbanCountry{"CH", "Switzerland", "Swiss", 21, "5!n12!c", true, true, NC::none},
    IbanCountry{"CI", "Côte d'Ivoire", "Ivorian", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"CM", "Cameroon", "Cameroonian", 27, "23!n", false, false, NC::none},
    IbanCountry{"CR", "Costa Rica", "Costa Rican", 22, "4!n14!n", true, false, NC::none},
    IbanCountry{"CV", "Cabo Verde", "Cape Verdean", 25, "21!n", false, false, NC::none},
    IbanCountry{"CY", "Cyprus", "Cypriot", 28, "3!n5!n16!c", true, true, NC::none},
    IbanCountry{"CZ", "Czechia", "Czech", 24, "4!n6!n10!n", true, true, NC::czech_slovak},
    IbanCountry{"DE", "Germany", "German", 22, "8!n10!n", true, true, NC::none},
    IbanCountry{"DJ", "Djibouti", "Djiboutian", 27, "5!n5!n11!n2!n", true, false, NC::none},
    IbanCountry{"DK", "Denmark", "Danish", 18, "4!n9!n1!n", true, true, NC::none},
    IbanCountry{"DO", "Dominican Republic", "Dominican", 28, "4!c20!n", true, false, NC::none},
    IbanCountry{"DZ", "Algeria", "Algerian", 26, "22!n", false, false, NC::none},
    IbanCountry{"EE", "Estonia", "Estonian", 20, "2!n2!n11!n1!n", true, true, NC::estonia},
    IbanCountry{"EG", "Egypt", "Egyptian", 29, "4!n4!n17!n", true, false, NC::none},
    IbanCountry{"ES", "Spain", "Spanish", 24, "4!n4!n1!n1!n10!n", true, true, NC::spain},
    IbanCountry{"FI", "Finland", "Finnish", 18, "3!n11!n", true, true, NC::finland},
    IbanCountry{"FK", "Falkland Islands", "", 18, "2!a12!n", true, false, NC::none},
    IbanCountry{"FO", "Faroe Islands", "Faroese", 18, "4!n9!n1!n", true, false, NC::none},
    IbanCountry{"FR", "France", "French", 27, "5!n5!n11!c2!n", true, true, NC::france},
    IbanCountry{"GA", "Gabon", "Gabonese", 27, "23!n", false, false, NC::none},
    IbanCountry{"GB", "United Kingdom", "British", 22, "4!a6!n8!n", true, true, NC::none},
    IbanCountry{"GE", "Georgia", "Georgian", 22, "2!a16!n", true, false, NC::none},
    IbanCountry{"GF", "French Guiana", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"GI", "Gibraltar", "Gibraltarian", 23, "4!a15!c", true, true, NC::none},
    IbanCountry{"GL", "Greenland", "Greenlandic", 18, "4!n9!n1!n", true, false, NC::none},
    IbanCountry{"GP", "Guadeloupe", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"GQ", "Equatorial Guinea", "Equatoguinean", 27, "23!n", false, false, NC::none},
    IbanCountry{"GR", "Greece", "Greek", 27, "3!n4!n16!c", true, true, NC::none},
    IbanCountry{"GT", "Guatemala", "Guatemalan", 28, "4!c20!c", true, false, NC::none},
    IbanCountry{"GW", "Guinea-Bissau", "Bissau-Guinean", 25, "2!c19!n", false, false, NC::none},
    IbanCountry{"HN", "Honduras", "Honduran", 28, "4!a20!n", true, false, NC::none},
    IbanCountry{"HR", "Croatia", "Croatian", 21, "7!n10!n", true, true, NC::croatia},
    IbanCountry{"HU", "Hungary", "Hungarian", 28, "3!n4!n1!n15!n1!n", true, true, NC::hungary},
    IbanCountry{"IE", "Ireland", "Irish", 22, "4!a6!n8!n", true, true, NC::none},
    IbanCountry{"IL", "Israel", "Israeli", 23, "3!n3!n13!n", true, false, NC::none},
    IbanCountry{"IQ", "Iraq", "Iraqi", 23, "4!a3!n12!n", true, false, NC::none},
    IbanCountry{"IR", "Iran", "Iranian", 26, "22!n", false, false, NC::none},
    IbanCountry{"IS", "Iceland", "Icelandic", 26, "4!n2!n6!n10!n", true, true, NC::none},
    IbanCountry{"IT", "Italy", "Italian", 27, "1!a5!n5!n12!c", true, true, NC::italy},
    IbanCountry{"JO", "Jordan", "Jordanian", 30, "4!a4!n18!c", true, false, NC::none},
    IbanCountry{"KM", "Comoros", "Comorian", 27, "23!n", false, false, NC::none},
    IbanCountry{"KW", "Kuwait", "Kuwaiti", 30, "4!a22!c", true, false, NC::none},
    IbanCountry{"KZ", "Kazakhstan", "Kazakh", 20, "3!n13!c", true, false, NC::none},
    IbanCountry{"LB", "Lebanon", "Lebanese", 28, "4!n20!c", true, false, NC::none},
    IbanCountry{"LC", "Saint Lucia", "Saint Lucian", 32, "4!a24!c", true, false, NC::none},
    IbanCountry{"LI", "Liechtenstein", "Liechtenstein", 21, "5!n12!c", true, true, NC::none},
    IbanCountry{"LT", "Lithuania", "Lithuanian", 20, "5!n11!n", true, true, NC::none},
    IbanCountry{"LU", "Luxembourg", "Luxembourg", 20, "3!n13!c", true, true, NC::none},
    IbanCountry{"LV", "Latvia", "Latvian", 21, "4!a13!c", true, true, NC::none},
    IbanCountry{"LY", "Libya", "Libyan", 25, "3!n3!n15!n", true, false, NC::none},
    IbanCountry{"MA", "Morocco", "Moroccan", 28, "24!n", false, false, NC::none},
    IbanCountry{"MC", "Monaco", "Monegasque", 27, "5!n5!n11!c2!n", true, true, NC::france},
    IbanCountry{"MD", "Moldova", "Moldovan", 24, "2!c18!c", true, true, NC::none},
    IbanCountry{"ME", "Montenegro", "Montenegrin", 22, "3!n13!n2!n", true, true, NC::mod97_10},
    IbanCountry{"MF", "Saint Martin", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"MG", "Madagascar", "Malagasy", 27, "23!n", false, false, NC::none},
    IbanCountry{"MK", "North Macedonia", "North Macedonian", 19, "3!n10!c2!n", true, true, NC::mod97_10},
    IbanCountry{"ML", "Mali", "Malian", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"MN", "Mongolia", "Mongolian", 20, "4!n12!n", true, false, NC::none},
    IbanCountry{"MQ", "Martinique", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"MR", "Mauritania", "Mauritanian", 27, "5!n5!n11!n2!n", true, false, NC::none},
    IbanCountry{"MT", "Malta", "Maltese", 31, "4!a5!n18!c", true, true, NC::none},
    IbanCountry{"MU", "Mauritius", "Mauritian", 30, "4!a2!n2!n12!n3!n3!a", true, false, NC::none},
    IbanCountry{"MZ", "Mozambique", "Mozambican", 25, "21!n", false, false, NC::none},
    IbanCountry{"NC", "New Caledonia", "", 27, "5!n5!n11!c2!n", false, false, NC::france},
    IbanCountry{"NE", "Niger", "Nigerien", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"NI", "Nicaragua", "Nicaraguan", 28, "4!a20!n", true, false, NC::none},
    IbanCountry{"NL", "Netherlands", "Dutch", 18, "4!a10!n", true, true, NC::none},
    IbanCountry{"NO", "Norway", "Norwegian", 15, "4!n6!n1!n", true, true, NC::norway},
    IbanCountry{"OM", "Oman", "Omani", 23, "3!n16!c", true, false, NC::none},
    IbanCountry{"PF", "French Polynesia", "", 27, "5!n5!n11!c2!n", false, false, NC::france},
    IbanCountry{"PK", "Pakistan", "Pakistani", 24, "4!a16!c", true, false, NC::none},
    IbanCountry{"PL", "Poland", "Polish", 28, "8!n16!n", true, true, NC::poland},
    IbanCountry{"PM", "Saint Pierre and Miquelon", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"PS", "Palestine", "Palestinian", 29, "4!a21!c", true, false, NC::none},
    IbanCountry{"PT", "Portugal", "Portuguese", 25, "4!n4!n11!n2!n", true, true, NC::mod97_10},
    IbanCountry{"QA", "Qatar", "Qatari", 29, "4!a21!c", true, false, NC::none},
    IbanCountry{"RE", "Réunion", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
    IbanCountry{"RO", "Romania", "Romanian", 24, "4!a16!c", true, true, NC::none},
    IbanCountry{"RS", "Serbia", "Serbian", 22, "3!n13!n2!n", true, true, NC::mod97_10},
    IbanCountry{"RU", "Russia", "Russian", 33, "9!n5!n15!c", true, false, NC::none},
    IbanCountry{"SA", "Saudi Arabia", "Saudi", 24, "2!n18!c", true, false, NC::none},
    IbanCountry{"SC", "Seychelles", "Seychellois", 31, "4!a2!n2!n16!n3!a", true, false, NC::none},
    IbanCountry{"SD", "Sudan", "Sudanese", 18, "2!n12!n", true, false, NC::none},
    IbanCountry{"SE", "Sweden", "Swedish", 24, "3!n16!n1!n", true, true, NC::none},
    IbanCountry{"SI", "Slovenia", "Slovenian", 19, "5!n8!n2!n", true, true, NC::mod97_10},
    IbanCountry{"SK", "Slovakia", "Slovak", 24, "4!n6!n10!n", true, true, NC::czech_slovak},
    IbanCountry{"SM", "San Marino", "Sammarinese", 27, "1!a5!n5!n12!c", true, true, NC::italy},
    IbanCountry{"SN", "Senegal", "Senegalese", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"SO", "Somalia", "Somali", 23, "4!n3!n12!n", true, false, NC::none},
    IbanCountry{"ST", "São Tomé and Príncipe", "", 25, "4!n4!n11!n2!n", true, false, NC::none},
    IbanCountry{"SV", "El Salvador", "Salvadoran", 28, "4!a20!n", true, false, NC::none},
    IbanCountry{"TD", "Chad", "Chadian", 27, "23!n", false, false, NC::none},
    IbanCountry{"TF", "French Southern Territories", "", 27, "5!n5!n11!c2!n", false, false, NC::france},
    IbanCountry{"TG", "Togo", "Togolese", 28, "2!c22!n", false, false, NC::none},
    IbanCountry{"TL", "Timor-Leste", "Timorese", 23, "3!n14!n2!n", true, false, NC::none},
    IbanCountry{"TN", "Tunisia", "Tunisian", 24, "2!n3!n13!n2!n", true, false, NC::tunisia},
    IbanCountry{"TR", "Türkiye", "Turkish", 26, "5!n1!n16!c", true, false, NC::none},
    IbanCountry{"UA", "Ukraine", "Ukrainian", 29, "6!n19!c", true, false, NC::none},
    IbanCountry{"VA", "Vatican City", "Vatican", 22, "3!n15!n", true, true, NC::none},
    IbanCountry{"VG", "British Virgin Islands", "", 24, "4!a16!n", true, false, NC::none},
    IbanCountry{"WF", "Wallis and Futuna", "", 27, "5!n5!n11!c2!n", false, false, NC::france},
    IbanCountry{"XK", "Kosovo", "Kosovar", 20, "4!n10!n2!n", true, false, NC::none},
    IbanCountry{"YE", "Yemen", "Yemeni", 30, "4!a4!n18!c", true, false, NC::none},
    IbanCountry{"YT", "Mayotte", "", 27, "5!n5!n11!c2!n", false, true, NC::france},
};
// clang-format on

constexpr bool sorted_by_code() {
    for (std::size_t i = 1; i < kCountries.size(); ++i) {
        if (!(kCountries[i - 1].code < kCountries[i].code)) return false;
    }
    return true;
}
static_assert(sorted_by_code(), "kCountries must stay sorted by code");

}  // namespace

const IbanCountry* find_iban_country(std::string_view code) {
    const auto it = std::lower_bound(kCountries.begin(), kCountries.end(), code,
                                     [](const IbanCountry& c, std::string_view k) { return c.code < k; });
    if (it == kCountries.end() || it->code != code) return nullptr;
    return &*it;
}

std::span<const IbanCountry> all_iban_countries() { return {kCountries.data(), kCountries.size()}; }

}  // namespace pw
