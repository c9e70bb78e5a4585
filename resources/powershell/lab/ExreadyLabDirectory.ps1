# Stands in for System.DirectoryServices where it throws (Linux): [adsi] and [adsisearcher] become type accelerators for
# classes shaped like DirectoryEntry, DirectorySearcher and their collections, over an in-memory directory the test fills.
# Shapes follow the .NET Framework 4.8 reference source: PropertyValueCollection.Value is null / the value / object[];
# ResultPropertyCollection keys are lower-case and a missing one gives an empty collection; binding is lazy (the first
# property read or RefreshCache binds, and a failed bind throws COMException there, which PowerShell swallows in an indexer
# (the value reads as $null) but not in a method call); FindAll throws when the domain cannot be reached.
# Scripts must read attributes through .Properties[...] (PowerShell's DirectoryEntry adapter is not stood in for).
# PowerShell caches resolved type names, so [adsi] keeps naming the stand-in in this process after Uninstall.

if (-not ('ExreadyStandIn.DirectoryServices.DirectoryEntry' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ExreadyStandIn.DirectoryServices {
    public class StandInObject {
        public string DistinguishedName;
        public Dictionary<string, object[]> Attributes = new Dictionary<string, object[]>(StringComparer.OrdinalIgnoreCase);
        /// <summary>When set, binding this object throws a COMException with this message (e.g. a second hop, an ACL).</summary>
        public string BindError;
        public int BindHResult;
        /// <summary>When set, a search that would return this object fails with this message (e.g. a referral to a DC out of reach).</summary>
        public string SearchError;

        /// <summary>Stores an attribute as AD returns it: a byte[] or a string is one value, any other list is several.</summary>
        public void Set(string name, object value) {
            value = Unwrap(value);
            var values = new List<object>();
            if (value is byte[] || value is string) values.Add(value);
            else if (value is IEnumerable) foreach (var item in (IEnumerable)value) values.Add(Unwrap(item));
            else if (value != null) values.Add(value);
            Attributes[name] = values.ToArray();
        }

        static object Unwrap(object value) {
            var wrapped = value as System.Management.Automation.PSObject;
            return wrapped == null ? value : wrapped.BaseObject;
        }
    }

    public static class StandInDirectory {
        public static List<StandInObject> Objects = new List<StandInObject>();
        /// <summary>Every bind, by path, in order: tests count the reads a script makes.</summary>
        public static List<string> Binds = new List<string>();
        public static List<string> Searches = new List<string>();
        public static string SearchError;

        public static void Clear() { Objects.Clear(); Binds.Clear(); Searches.Clear(); SearchError = null; }

        public static string SidText(byte[] bytes) {
            var text = new StringBuilder("S-" + bytes[0]);
            long authority = 0;
            for (int i = 2; i < 8; i++) authority = (authority << 8) | bytes[i];
            text.Append("-" + authority);
            for (int i = 0; i < bytes[1]; i++) text.Append("-" + BitConverter.ToUInt32(bytes, 8 + 4 * i));
            return text.ToString();
        }

        static COMException NoSuchObject() { return new COMException("There is no such object on the server.", unchecked((int)0x80072030)); }

        public static StandInObject Resolve(string path) {
            string rest = Regex.Replace(path ?? "", "^(LDAP|GC)://", "", RegexOptions.IgnoreCase);
            StandInObject found;
            // A serverless path without a DN binds to the default naming context of the caller's domain.
            if (rest == "") {
                var rootDse = Objects.FirstOrDefault(o => o.DistinguishedName == "RootDSE");
                if (rootDse == null || rootDse.BindError != null || !rootDse.Attributes.ContainsKey("defaultNamingContext"))
                    throw new COMException("The specified domain either does not exist or could not be contacted.", unchecked((int)0x8007054B));
                rest = (string)rootDse.Attributes["defaultNamingContext"][0];
            }
            var sid = Regex.Match(rest, "^<SID=(S-[0-9-]+)>$", RegexOptions.IgnoreCase);
            if (sid.Success) {
                found = Objects.FirstOrDefault(o => o.Attributes.ContainsKey("objectSid") && o.Attributes["objectSid"].Length > 0
                    && string.Equals(SidText((byte[])o.Attributes["objectSid"][0]), sid.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            } else {
                string dn = rest.Replace("\\/", "/");
                found = Objects.FirstOrDefault(o => string.Equals(o.DistinguishedName, dn, StringComparison.OrdinalIgnoreCase));
            }
            if (found == null) throw NoSuchObject();
            if (found.BindError != null) throw new COMException(found.BindError, found.BindHResult);
            return found;
        }
    }

    public class PropertyValueCollection : CollectionBase {
        internal PropertyValueCollection(object[] values) { foreach (var value in values) InnerList.Add(value); }
        public object this[int index] { get { return InnerList[index]; } }
        public object Value { get { return InnerList.Count == 0 ? null : InnerList.Count == 1 ? InnerList[0] : InnerList.ToArray(); } }
        public bool Contains(object value) { return InnerList.Contains(value); }
    }

    public class PropertyCollection {
        readonly DirectoryEntry entry;
        internal PropertyCollection(DirectoryEntry entry) { this.entry = entry; }
        public PropertyValueCollection this[string propertyName] {
            get {
                object[] values;
                return new PropertyValueCollection(entry.Bind().Attributes.TryGetValue(propertyName, out values) ? values : new object[0]);
            }
        }
        public bool Contains(string propertyName) { return entry.Bind().Attributes.ContainsKey(propertyName); }
        public ICollection PropertyNames { get { return entry.Bind().Attributes.Keys.ToList(); } }
        public int Count { get { return entry.Bind().Attributes.Count; } }
    }

    public class DirectoryEntry : IDisposable {
        StandInObject bound;
        PropertyCollection properties;
        public DirectoryEntry() : this("") { }
        public DirectoryEntry(string path) { Path = path; }
        public string Path { get; set; }
        public PropertyCollection Properties { get { return properties ?? (properties = new PropertyCollection(this)); } }
        internal StandInObject Bind() {
            if (bound == null) { StandInDirectory.Binds.Add(Path); bound = StandInDirectory.Resolve(Path); }
            return bound;
        }
        /// <summary>Binds and loads the named attributes: unlike the indexers (PowerShell swallows their exceptions), a failure throws here.</summary>
        public void RefreshCache() { Bind(); }
        public void RefreshCache(string[] propertyNames) { Bind(); }
        public void Dispose() { }
    }

    public class ResultPropertyValueCollection : ReadOnlyCollectionBase {
        internal ResultPropertyValueCollection(object[] values) { InnerList.AddRange(values); }
        public object this[int index] { get { return InnerList[index]; } }
        public bool Contains(object value) { return InnerList.Contains(value); }
    }

    public class ResultPropertyCollection : DictionaryBase {
        internal void Add(string name, ResultPropertyValueCollection values) { InnerHashtable.Add(name.ToLowerInvariant(), values); }
        public ResultPropertyValueCollection this[string name] {
            get {
                string key = name.ToLowerInvariant();
                return InnerHashtable.Contains(key) ? (ResultPropertyValueCollection)InnerHashtable[key] : new ResultPropertyValueCollection(new object[0]);
            }
        }
        public ICollection PropertyNames { get { return InnerHashtable.Keys; } }
        public bool Contains(string propertyName) { return InnerHashtable.Contains(propertyName.ToLowerInvariant()); }
    }

    public class SearchResult {
        internal SearchResult(string path, ResultPropertyCollection properties) { Path = path; Properties = properties; }
        public string Path { get; private set; }
        public ResultPropertyCollection Properties { get; private set; }
    }

    public class SearchResultCollection : IEnumerable, IDisposable {
        readonly DirectorySearcher searcher;
        List<SearchResult> results;
        internal SearchResultCollection(DirectorySearcher searcher) { this.searcher = searcher; }
        List<SearchResult> Results { get { return results ?? (results = searcher.Run()); } }
        public int Count { get { return Results.Count; } }
        public SearchResult this[int index] { get { return Results[index]; } }
        public IEnumerator GetEnumerator() { return Results.GetEnumerator(); }
        public void Dispose() { }
    }

    public class DirectorySearcher : IDisposable {
        public DirectorySearcher() { }
        public DirectorySearcher(string filter) { Filter = filter; }
        public DirectorySearcher(DirectoryEntry searchRoot, string filter) { SearchRoot = searchRoot; Filter = filter; }
        public DirectoryEntry SearchRoot { get; set; }
        string filter = "(objectClass=*)";
        public string Filter { get { return filter; } set { filter = string.IsNullOrEmpty(value) ? "(objectClass=*)" : value; } }
        public StringCollection PropertiesToLoad { get { return propertiesToLoad; } }
        readonly StringCollection propertiesToLoad = new StringCollection();
        public int PageSize { get; set; }
        public int SizeLimit { get; set; }
        // FindAll binds its root and sends the search: an unreachable domain throws here.
        public SearchResultCollection FindAll() {
            if (StandInDirectory.SearchError != null) throw new COMException(StandInDirectory.SearchError, unchecked((int)0x8007203A));
            return new SearchResultCollection(this);
        }
        public SearchResult FindOne() { return Run().FirstOrDefault(); }
        public void Dispose() { }

        internal List<SearchResult> Run() {
            string root = SearchRoot == null ? null : SearchRoot.Bind().DistinguishedName;
            StandInDirectory.Searches.Add((root ?? "") + "|" + Filter);
            var results = new List<SearchResult>();
            foreach (var item in StandInDirectory.Objects) {
                if (item.DistinguishedName == "RootDSE") continue;
                if (root != null && !string.Equals(item.DistinguishedName, root, StringComparison.OrdinalIgnoreCase)
                    && !item.DistinguishedName.EndsWith("," + root, StringComparison.OrdinalIgnoreCase)) continue;
                int at = 0;
                if (!LdapFilter.Match(item, Filter, ref at)) continue;
                if (item.SearchError != null) throw new COMException(item.SearchError, unchecked((int)0x8007203A));
                var properties = new ResultPropertyCollection();
                foreach (var attribute in item.Attributes) {
                    if (propertiesToLoad.Count > 0 && !propertiesToLoad.Cast<string>().Any(p => string.Equals(p, attribute.Key, StringComparison.OrdinalIgnoreCase))) continue;
                    properties.Add(attribute.Key, new ResultPropertyValueCollection(attribute.Value));
                }
                string path = "LDAP://" + item.DistinguishedName.Replace("/", "\\/");
                properties.Add("adspath", new ResultPropertyValueCollection(new object[] { path }));
                results.Add(new SearchResult(path, properties));
            }
            return results;
        }
    }

    /// <summary>RFC 4515 filters: and, or, not, equality with \XX escapes, presence and * substrings, compared case-insensitively.
    /// (objectCategory=name) matches an object whose objectClass holds the name, as a DC expands the class's default category.</summary>
    public static class LdapFilter {
        public static bool Match(StandInObject item, string filter, ref int at) {
            Expect(filter, ref at, '(');
            bool result;
            char op = filter[at];
            if (op == '&' || op == '|') {
                at++;
                result = op == '&';
                while (filter[at] == '(') {
                    bool one = Match(item, filter, ref at);
                    result = op == '&' ? result && one : result || one;
                }
            } else if (op == '!') {
                at++;
                result = !Match(item, filter, ref at);
            } else {
                int end = filter.IndexOf(')', at);
                string test = filter.Substring(at, end - at);
                at = end;
                result = Test(item, test);
            }
            Expect(filter, ref at, ')');
            return result;
        }

        static void Expect(string filter, ref int at, char c) {
            if (at >= filter.Length || filter[at] != c) throw new ArgumentException("The (" + filter + ") search filter is invalid.");
            at++;
        }

        static string Unescape(string value) {
            return Regex.Replace(value, @"\\([0-9A-Fa-f]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        }

        static bool Test(StandInObject item, string test) {
            int equals = test.IndexOf('=');
            string name = test.Substring(0, equals);
            string value = test.Substring(equals + 1);
            object[] values;
            if (string.Equals(name, "objectCategory", StringComparison.OrdinalIgnoreCase) && !value.Contains("=")) name = "objectClass";
            if (!item.Attributes.TryGetValue(name, out values) || values.Length == 0) return false;
            if (value == "*") return true;
            string pattern = "^" + string.Join(".*", value.Split('*').Select(part => Regex.Escape(Unescape(part)))) + "$";
            return values.Any(v => !(v is byte[]) && Regex.IsMatch(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), pattern, RegexOptions.IgnoreCase));
        }
    }
}
'@
}

# The accelerators the scripts use; on Windows they name System.DirectoryServices, here the stand-ins.
function Install-ExreadyAdStandIn {
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    [void]$accelerators::Remove('adsi')
    [void]$accelerators::Remove('adsisearcher')
    $accelerators::Add('adsi', [ExreadyStandIn.DirectoryServices.DirectoryEntry])
    $accelerators::Add('adsisearcher', [ExreadyStandIn.DirectoryServices.DirectorySearcher])
    [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
}

function Uninstall-ExreadyAdStandIn {
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    [void]$accelerators::Remove('adsi')
    [void]$accelerators::Remove('adsisearcher')
    [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
}

# objectSid as AD stores it: the binary SID (revision, count, 48-bit big-endian authority, little-endian sub-authorities).
function ConvertTo-ExreadySidBytes {
    param([Parameter(Mandatory)][string]$Sid)
    $parts = $Sid.Split('-')
    $subAuthorities = @($parts | Select-Object -Skip 3)
    $bytes = New-Object byte[] (8 + 4 * $subAuthorities.Count)
    $bytes[0] = [byte]$parts[1]
    $bytes[1] = [byte]$subAuthorities.Count
    $authority = [long]$parts[2]
    for ($i = 7; $i -ge 2; $i--) { $bytes[$i] = [byte]($authority -band 0xFF); $authority = $authority -shr 8 }
    for ($i = 0; $i -lt $subAuthorities.Count; $i++) {
        [BitConverter]::GetBytes([uint32]$subAuthorities[$i]).CopyTo($bytes, 8 + 4 * $i)
    }
    , $bytes
}

# One object of the directory; attribute values are given as AD returns them (strings, Int32, byte[] for objectSid).
function Add-ExreadyAdObject {
    param(
        [Parameter(Mandatory)][string]$DistinguishedName,
        [hashtable]$Attributes = @{},
        [string]$BindError,
        [int]$BindHResult = -2147016672
    )
    $item = New-Object ExreadyStandIn.DirectoryServices.StandInObject
    $item.DistinguishedName = $DistinguishedName
    foreach ($name in $Attributes.Keys) { $item.Set($name, $Attributes[$name]) }
    if ($DistinguishedName -ne 'RootDSE' -and -not $item.Attributes.ContainsKey('distinguishedName')) { $item.Set('distinguishedName', $DistinguishedName) }
    if ($BindError) { $item.BindError = $BindError; $item.BindHResult = $BindHResult }
    [ExreadyStandIn.DirectoryServices.StandInDirectory]::Objects.Add($item)
}

# A security principal as AD holds it: objectClass chain, objectSid bytes, sAMAccountName, members as DNs.
function Add-ExreadyAdPrincipal {
    param(
        [Parameter(Mandatory)][string]$DistinguishedName,
        [Parameter(Mandatory)][ValidateSet('user', 'group', 'computer', 'foreignSecurityPrincipal')][string]$Class,
        [Parameter(Mandatory)][string]$Sid,
        [string]$SamAccountName,
        [string[]]$Member = @(),
        [string]$BindError
    )
    $classes = @{
        user                     = @('top', 'person', 'organizationalPerson', 'user')
        group                    = @('top', 'group')
        computer                 = @('top', 'person', 'organizationalPerson', 'user', 'computer')
        foreignSecurityPrincipal = @('top', 'foreignSecurityPrincipal')
    }
    $attributes = @{
        objectClass = $classes[$Class]
        objectSid   = (ConvertTo-ExreadySidBytes $Sid)
        cn          = ($DistinguishedName -replace '^CN=((?:\\,|[^,])+),.*$', '$1')
    }
    if ($SamAccountName) { $attributes.sAMAccountName = $SamAccountName }
    if ($Member.Count -gt 0) { $attributes.member = $Member }
    Add-ExreadyAdObject -DistinguishedName $DistinguishedName -Attributes $attributes -BindError $BindError
}
