// The ISO 4217 "List One" table: every active currency, fund and X-code.
//
// Source: ISO 4217 List One as maintained by SIX, up to amendment 180
// (effective 2026-01-01). Changes against older copies of the list (for
// example Debian's iso-codes 4.15) that were checked one by one:
//   withdrawn: HRK (174, euro), SLL (175, redenominated to SLE), ZWL (177,
//              replaced by ZWG), CUC (178), ANG (176, replaced by XCG on
//              2025-03-31), BGN (180, euro from 2026-01-01);
//   added:     SLE 925, VED 926, ZWG 924 (177), XCG 532 (176; takes over
//              ANG's numeric), XAD 396 (179, a fund code of the Arab Monetary
//              Fund).
// When ISO publishes an amendment, edit this table and the spot checks in
// tests/unit/test_currency.cpp.
//
// exponent: ISO's "minor unit". Codes ISO gives as N.A. (precious metals,
// bond-market units, SDR, Sucre, ADB unit, XTS, XXX) have exponent 0.
// payable: false for the N.A. codes and for every fund code (ISO List Two:
// BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW, XAD). Funds are units of
// account or settlement variants, not currencies a card or a bank debit is
// charged in, so an invoice in one of them cannot be paid.
//
// Rows are sorted by code: find_currency() does a binary search, and
// test_currency checks the order.
#include "paywidget/money.hpp"

#include <algorithm>

namespace pw {

const std::vector<CurrencyInfo>& all_currencies() {
    static const std::vector<CurrencyInfo> kTable = {
    {"AED", 784, 2, true, "UAE Dirham"},
    {"AFN", 971, 2, true, "Afghani"},
    {"ALL", 8, 2, true, "Lek"},
    {"AMD", 51, 2, true, "Armenian Dram"},
    {"AOA", 973, 2, true, "Kwanza"},
    {"ARS", 32, 2, true, "Argentine Peso"},
    {"AUD", 36, 2, true, "Australian Dollar"},
    {"AWG", 533, 2, true, "Aruban Florin"},
    {"AZN", 944, 2, true, "Azerbaijan Manat"},
    {"BAM", 977, 2, true, "Convertible Mark"},
    {"BBD", 52, 2, true, "Barbados Dollar"},
    {"BDT", 50, 2, true, "Taka"},
    {"BHD", 48, 3, true, "Bahraini Dinar"},
    {"BIF", 108, 0, true, "Burundi Franc"},
    {"BMD", 60, 2, true, "Bermudian Dollar"},
    {"BND", 96, 2, true, "Brunei Dollar"},
    {"BOB", 68, 2, true, "Boliviano"},
    {"BOV", 984, 2, false, "Mvdol"},  // fund
    {"BRL", 986, 2, true, "Brazilian Real"},
    {"BSD", 44, 2, true, "Bahamian Dollar"},
    {"BTN", 64, 2, true, "Ngultrum"},
    {"BWP", 72, 2, true, "Pula"},
    {"BYN", 933, 2, true, "Belarusian Ruble"},
    {"BZD", 84, 2, true, "Belize Dollar"},
    {"CAD", 124, 2, true, "Canadian Dollar"},
    {"CDF", 976, 2, true, "Congolese Franc"},
    {"CHE", 947, 2, false, "WIR Euro"},  // fund
    {"CHF", 756, 2, true, "Swiss Franc"},
    {"CHW", 948, 2, false, "WIR Franc"},  // fund
    {"CLF", 990, 4, false, "Unidad de Fomento"},  // fund
    {"CLP", 152, 0, true, "Chilean Peso"},
    {"CNY", 156, 2, true, "Yuan Renminbi"},
    {"COP", 170, 2, true, "Colombian Peso"},
    {"COU", 970, 2, false, "Unidad de Valor Real"},  // fund
    {"CRC", 188, 2, true, "Costa Rican Colon"},
    {"CUP", 192, 2, true, "Cuban Peso"},
    {"CVE", 132, 2, true, "Cabo Verde Escudo"},
    {"CZK", 203, 2, true, "Czech Koruna"},
    {"DJF", 262, 0, true, "Djibouti Franc"},
    {"DKK", 208, 2, true, "Danish Krone"},
    {"DOP", 214, 2, true, "Dominican Peso"},
    {"DZD", 12, 2, true, "Algerian Dinar"},
    {"EGP", 818, 2, true, "Egyptian Pound"},
    {"ERN", 232, 2, true, "Nakfa"},
    {"ETB", 230, 2, true, "Ethiopian Birr"},
    {"EUR", 978, 2, true, "Euro"},
    {"FJD", 242, 2, true, "Fiji Dollar"},
    {"FKP", 238, 2, true, "Falkland Islands Pound"},
    {"GBP", 826, 2, true, "Pound Sterling"},
    {"GEL", 981, 2, true, "Lari"},
    {"GHS", 936, 2, true, "Ghana Cedi"},
    {"GIP", 292, 2, true, "Gibraltar Pound"},
    {"GMD", 270, 2, true, "Dalasi"},
    {"GNF", 324, 0, true, "Guinean Franc"},
    {"GTQ", 320, 2, true, "Quetzal"},
    {"GYD", 328, 2, true, "Guyana Dollar"},
    {"HKD", 344, 2, true, "Hong Kong Dollar"},
    {"HNL", 340, 2, true, "Lempira"},
    {"HTG", 332, 2, true, "Gourde"},
    {"HUF", 348, 2, true, "Forint"},
    {"IDR", 360, 2, true, "Rupiah"},
    {"ILS", 376, 2, true, "New Israeli Sheqel"},
    {"INR", 356, 2, true, "Indian Rupee"},
    {"IQD", 368, 3, true, "Iraqi Dinar"},
    {"IRR", 364, 2, true, "Iranian Rial"},
    {"ISK", 352, 0, true, "Iceland Krona"},
    {"JMD", 388, 2, true, "Jamaican Dollar"},
    {"JOD", 400, 3, true, "Jordanian Dinar"},
    {"JPY", 392, 0, true, "Yen"},
    {"KES", 404, 2, true, "Kenyan Shilling"},
    {"KGS", 417, 2, true, "Som"},
    {"KHR", 116, 2, true, "Riel"},
    {"KMF", 174, 0, true, "Comorian Franc"},
    {"KPW", 408, 2, true, "North Korean Won"},
    {"KRW", 410, 0, true, "Won"},
    {"KWD", 414, 3, true, "Kuwaiti Dinar"},
    {"KYD", 136, 2, true, "Cayman Islands Dollar"},
    {"KZT", 398, 2, true, "Tenge"},
    {"LAK", 418, 2, true, "Lao Kip"},
    {"LBP", 422, 2, true, "Lebanese Pound"},
    {"LKR", 144, 2, true, "Sri Lanka Rupee"},
    {"LRD", 430, 2, true, "Liberian Dollar"},
    {"LSL", 426, 2, true, "Loti"},
    {"LYD", 434, 3, true, "Libyan Dinar"},
    {"MAD", 504, 2, true, "Moroccan Dirham"},
    {"MDL", 498, 2, true, "Moldovan Leu"},
    {"MGA", 969, 2, true, "Malagasy Ariary"},
    {"MKD", 807, 2, true, "Denar"},
    {"MMK", 104, 2, true, "Kyat"},
    {"MNT", 496, 2, true, "Tugrik"},
    {"MOP", 446, 2, true, "Pataca"},
    {"MRU", 929, 2, true, "Ouguiya"},
    {"MUR", 480, 2, true, "Mauritius Rupee"},
    {"MVR", 462, 2, true, "Rufiyaa"},
    {"MWK", 454, 2, true, "Malawi Kwacha"},
    {"MXN", 484, 2, true, "Mexican Peso"},
    {"MXV", 979, 2, false, "Mexican Unidad de Inversion (UDI)"},  // fund
    {"MYR", 458, 2, true, "Malaysian Ringgit"},
    {"MZN", 943, 2, true, "Mozambique Metical"},
    {"NAD", 516, 2, true, "Namibia Dollar"},
    {"NGN", 566, 2, true, "Naira"},
    {"NIO", 558, 2, true, "Cordoba Oro"},
    {"NOK", 578, 2, true, "Norwegian Krone"},
    {"NPR", 524, 2, true, "Nepalese Rupee"},
    {"NZD", 554, 2, true, "New Zealand Dollar"},
    {"OMR", 512, 3, true, "Rial Omani"},
    {"PAB", 590, 2, true, "Balboa"},
    {"PEN", 604, 2, true, "Sol"},
    {"PGK", 598, 2, true, "Kina"},
    {"PHP", 608, 2, true, "Philippine Peso"},
    {"PKR", 586, 2, true, "Pakistan Rupee"},
    {"PLN", 985, 2, true, "Zloty"},
    {"PYG", 600, 0, true, "Guarani"},
    {"QAR", 634, 2, true, "Qatari Rial"},
    {"RON", 946, 2, true, "Romanian Leu"},
    {"RSD", 941, 2, true, "Serbian Dinar"},
    {"RUB", 643, 2, true, "Russian Ruble"},
    {"RWF", 646, 0, true, "Rwanda Franc"},
    {"SAR", 682, 2, true, "Saudi Riyal"},
    {"SBD", 90, 2, true, "Solomon Islands Dollar"},
    {"SCR", 690, 2, true, "Seychelles Rupee"},
    {"SDG", 938, 2, true, "Sudanese Pound"},
    {"SEK", 752, 2, true, "Swedish Krona"},
    {"SGD", 702, 2, true, "Singapore Dollar"},
    {"SHP", 654, 2, true, "Saint Helena Pound"},
    {"SLE", 925, 2, true, "Leone"},
    {"SOS", 706, 2, true, "Somali Shilling"},
    {"SRD", 968, 2, true, "Surinam Dollar"},
    {"SSP", 728, 2, true, "South Sudanese Pound"},
    {"STN", 930, 2, true, "Dobra"},
    {"SVC", 222, 2, true, "El Salvador Colon"},
    {"SYP", 760, 2, true, "Syrian Pound"},
    {"SZL", 748, 2, true, "Lilangeni"},
    {"THB", 764, 2, true, "Baht"},
    {"TJS", 972, 2, true, "Somoni"},
    {"TMT", 934, 2, true, "Turkmenistan New Manat"},
    {"TND", 788, 3, true, "Tunisian Dinar"},
    {"TOP", 776, 2, true, "Pa’anga"},
    {"TRY", 949, 2, true, "Turkish Lira"},
    {"TTD", 780, 2, true, "Trinidad and Tobago Dollar"},
    {"TWD", 901, 2, true, "New Taiwan Dollar"},
    {"TZS", 834, 2, true, "Tanzanian Shilling"},
    {"UAH", 980, 2, true, "Hryvnia"},
    {"UGX", 800, 0, true, "Uganda Shilling"},
    {"USD", 840, 2, true, "US Dollar"},
    {"USN", 997, 2, false, "US Dollar (Next day)"},  // fund
    {"UYI", 940, 0, false, "Uruguay Peso en Unidades Indexadas (UI)"},  // fund
    {"UYU", 858, 2, true, "Peso Uruguayo"},
    {"UYW", 927, 4, false, "Unidad Previsional"},  // fund
    {"UZS", 860, 2, true, "Uzbekistan Sum"},
    {"VED", 926, 2, true, "Bolívar Soberano"},
    {"VES", 928, 2, true, "Bolívar Soberano"},
    {"VND", 704, 0, true, "Dong"},
    {"VUV", 548, 0, true, "Vatu"},
    {"WST", 882, 2, true, "Tala"},
    {"XAD", 396, 2, false, "Arab Accounting Dinar"},  // fund
    {"XAF", 950, 0, true, "CFA Franc BEAC"},
    {"XAG", 961, 0, false, "Silver"},  // N.A.
    {"XAU", 959, 0, false, "Gold"},  // N.A.
    {"XBA", 955, 0, false, "Bond Markets Unit European Composite Unit (EURCO)"},  // N.A.
    {"XBB", 956, 0, false, "Bond Markets Unit European Monetary Unit (E.M.U.-6)"},  // N.A.
    {"XBC", 957, 0, false, "Bond Markets Unit European Unit of Account 9 (E.U.A.-9)"},  // N.A.
    {"XBD", 958, 0, false, "Bond Markets Unit European Unit of Account 17 (E.U.A.-17)"},  // N.A.
    {"XCD", 951, 2, true, "East Caribbean Dollar"},
    {"XCG", 532, 2, true, "Caribbean Guilder"},
    {"XDR", 960, 0, false, "SDR (Special Drawing Right)"},  // N.A.
    {"XOF", 952, 0, true, "CFA Franc BCEAO"},
    {"XPD", 964, 0, false, "Palladium"},  // N.A.
    {"XPF", 953, 0, true, "CFP Franc"},
    {"XPT", 962, 0, false, "Platinum"},  // N.A.
    {"XSU", 994, 0, false, "Sucre"},  // N.A.
    {"XTS", 963, 0, false, "Codes specifically reserved for testing purposes"},  // N.A.
    {"XUA", 965, 0, false, "ADB Unit of Account"},  // N.A.
    {"XXX", 999, 0, false, "The codes assigned for transactions where no currency is involved"},  // N.A.
    {"YER", 886, 2, true, "Yemeni Rial"},
    {"ZAR", 710, 2, true, "Rand"},
    {"ZMW", 967, 2, true, "Zambian Kwacha"},
    {"ZWG", 924, 2, true, "Zimbabwe Gold"},
    };
    return kTable;
}

const CurrencyInfo* find_currency(std::string_view code) {
    const auto& table = all_currencies();
    auto it = std::lower_bound(table.begin(), table.end(), code,
                               [](const CurrencyInfo& row, std::string_view c) { return row.code < c; });
    if (it == table.end() || it->code != code) return nullptr;
    return &*it;
}

}  // namespace pw
