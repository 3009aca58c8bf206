package namescore

import "fmt"

// lookAlikeClusters are real people as news write them, written for
// claimex: each line one person's spellings. People of one family, or
// of one surname, are on lines of their own and must stay apart.
var lookAlikeClusters = [][]string{
	{"Boris Yeltsin", "Boris Eltsin", "Boris Jelzin"},
	{"Naina Yeltsina"},
	{"Kim Jong-un", "Kim Jong Un"},
	{"Kim Jong-il", "Kim Jong Il"},
	{"Kim Il-sung", "Kim Il Sung"},
	{"Kim Yo-jong", "Kim Yo Jong"},
	{"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Tayyip Erdogan"},
	{"Emine Erdoğan"},
	{"Muhammad Hosni Mubarak", "Hosni Mubarak"},
	{"Gamal Mubarak"},
	{"Osama bin Laden", "Usama bin Ladin"},
	{"Hamza bin Laden"},
	{"Abdelaziz Bouteflika", "Abdul Aziz Bouteflika"},
	{"Said Bouteflika"},
	{"Lech Wałęsa", "Lech Walesa"},
	{"Danuta Wałęsa"},
	{"İlham Əliyev", "Ilham Aliyev"},
	{"Heydar Aliyev"},
	{"Mehriban Aliyeva"},
	{"Muammar Gaddafi", "Moammar Gadhafi", "Muammar Qaddafi", "Muammar al-Qadhafi"},
	{"Saif al-Islam Gaddafi"},
	{"Mahmoud Ahmadinejad", "Mahmud Ahmadinezhad"},
	{"Mikhail Gorbachev", "Michail Gorbatschow"},
	{"Raisa Gorbacheva"},
	{"Alexander Lukashenko", "Aleksandr Lukashenko"},
	{"Viktor Lukashenko"},
	{"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"},
	{"Olena Zelenska"},
	{"Bill Clinton", "William Clinton", "William Jefferson Clinton"},
	{"Hillary Clinton", "Hillary Rodham Clinton"},
	{"Chelsea Clinton"},
	{"George W. Bush", "George Walker Bush"},
	{"George H. W. Bush", "George Herbert Walker Bush"},
	{"Jeb Bush"},
	{"Laura Bush"},
	{"Fidel Castro", "Fidel Alejandro Castro"},
	{"Raúl Castro", "Raul Castro"},
	{"Ivan Petrov"},
	{"Anna Petrova"},
	{"Ed Miliband", "Edward Miliband"},
	{"David Miliband"},
	{"Ted Kennedy", "Edward Kennedy", "Edward M. Kennedy"},
	{"John F. Kennedy", "John Fitzgerald Kennedy"},
	{"Robert F. Kennedy Jr.", "Robert Kennedy Jr."},
	{"Robert F. Kennedy Sr."},
	{"Kassym-Jomart Tokayev", "Kasim-Yomart Tokáyev", "Kassym-Shomart Tokayev"},
	{"Nursultan Nazarbayev", "Nursultan Nazarbaev"},
	{"Dariga Nazarbayeva"},
	{"Sergei Lavrov", "Sergey Lavrov"},
	{"Sergei Shoigu", "Sergey Shoygu"},
	{"Mohammed bin Salman", "Muhammad bin Salman"},
	{"Xi Jinping", "Xi Jin-ping"},
	{"Abu Bakr al-Baghdadi", "Abu Bakr Al Baghdadi"},
	{"Bashar al-Assad", "Bashar Assad", "Bashar al-Asad"},
	{"Hafez al-Assad", "Hafiz al-Assad"},
	{"Asma al-Assad"},
	{"Benjamin Netanyahu", "Binyamin Netanyahu"},
	{"Sara Netanyahu"},
	{"Emmanuel Macron", "Emanuel Macron"},
	{"Brigitte Macron"},
	{"Tony Blair", "Anthony Blair"},
	{"Cherie Blair"},
	{"Mike Pence", "Michael Pence"},
	{"Jim Mattis", "James Mattis"},
	{"Bob Menendez", "Robert Menendez"},
	{"Alexei Navalny", "Aleksei Navalny", "Alexey Navalny"},
	{"Yulia Navalnaya"},
	{"Yulia Tymoshenko", "Julia Tymoschenko", "Yuliya Tymoshenko"},
	{"Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi"},
	{"Ayman al-Zawahiri", "Ayman al-Zawahri"},
	{"Nouri al-Maliki", "Nuri al-Maliki"},
	{"Youssef Chahed", "Yusuf Chahed"},
	{"Omar al-Bashir", "Umar al-Bashir"},
}

// lookAlikes is the look-alike set: one cluster a line of
// lookAlikeClusters.
func lookAlikes() Set {
	s := Set{Name: "look-alikes"}
	for i, c := range lookAlikeClusters {
		for _, n := range c {
			s.Names = append(s.Names, Name{n, fmt.Sprintf("l%d", i)})
		}
	}
	return s
}
