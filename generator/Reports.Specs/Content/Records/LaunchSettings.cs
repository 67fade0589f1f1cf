using System.Text;

namespace Reports.Specs.Content;

/// <summary>How launch settings are written in an engine file.</summary>
public static class LaunchSettings
{
    /// <summary>The flag value of a checkpoint passed as the program's first argument.</summary>
    public const string Positional = "positional";

    /// <summary>The spelling a YAML file uses: TensorParallel is tensor-parallel.</summary>
    public static string Name(LaunchSetting setting)
    {
        var name = setting.ToString();
        var s = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                s.Append('-');
            }

            s.Append(char.ToLowerInvariant(name[i]));
        }

        return s.ToString();
    }
}
